import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

/*
 * The parts are checked for their types only (a 400 naming the property path); what the values
 * must satisfy (one baseline, positive weights, shares in (0, 1], known metrics, plan ranges) is
 * the lib's `validateExperiment`, answered 422 with every problem naming its field.
 */

export class ArmDto {
  @ApiProperty() @IsString() id: string;
  @ApiProperty({ enum: ['baseline', 'candidate'] }) @IsString() role: 'baseline' | 'candidate';
  @ApiProperty({ format: 'uuid' }) @IsString() processVersionId: string;
  @ApiProperty({ description: 'Traffic weight, any positive scale' }) @IsNumber() weight: number;
}

export class UnitDto {
  @ApiProperty({ enum: ['instance', 'businessKey', 'variable'] }) @IsString() kind: 'instance' | 'businessKey' | 'variable';
  @ApiPropertyOptional({ description: 'For kind variable: the variable (e.g. customerId)' }) @IsOptional() @IsString() name?: string;
}

export class SegmentRuleDto {
  @ApiProperty() @IsString() variable: string;
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } }) @IsArray() values: Array<string | number | boolean>;
  @ApiProperty() @IsString() armId: string;
}

export class RampStepDto {
  @ApiProperty({ format: 'date-time' }) @IsString() from: string;
  @ApiProperty({ description: 'Share of the traffic the candidates get together, (0, 1]' }) @IsNumber() candidateShare: number;
}

export class GuardrailDto {
  @ApiProperty() @IsString() id: string;
  @ApiProperty({ example: 'slaAttainment' }) @IsString() metric: string;
  @ApiProperty({ description: 'Tolerated worsening: points for rates (0.05), a relative change for durations (0.1)' }) @IsNumber() maxWorsening: number;
}

export class PlanDto {
  @ApiProperty({ example: 0.05 }) @IsNumber() alpha: number;
  @ApiProperty({ example: 0.8 }) @IsNumber() power: number;
  @ApiProperty({ example: 0.1, description: 'Minimum detectable effect: points for rates, a relative change for durations' }) @IsNumber() mde: number;
  @ApiPropertyOptional({ description: 'Rates: the baseline rate' }) @IsOptional() @IsNumber() baselineRate?: number;
  @ApiPropertyOptional({ description: 'Durations: the standard deviation of log durations' }) @IsOptional() @IsNumber() logSd?: number;
}

/** An experiment definition: to create a draft, to replace it, or (started) to change its plan. */
export class ExperimentDto {
  @ApiProperty({ description: 'The process key whose new cases the experiment routes' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  processKey: string;

  @ApiPropertyOptional({ description: 'Seeds the assignment hash; random when absent' })
  @IsOptional()
  @IsInt()
  seed?: number;

  @ApiProperty({ type: [ArmDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ArmDto)
  arms: ArmDto[];

  @ApiPropertyOptional({ type: UnitDto, description: 'instance (default), businessKey, or { kind: variable, name }' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnitDto)
  unit?: UnitDto;

  @ApiPropertyOptional({ type: [SegmentRuleDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SegmentRuleDto)
  segments?: SegmentRuleDto[];

  @ApiPropertyOptional({ type: [RampStepDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RampStepDto)
  ramp?: RampStepDto[];

  @ApiPropertyOptional({ type: [GuardrailDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GuardrailDto)
  guardrails?: GuardrailDto[];

  @ApiProperty({ example: 'leadTime' })
  @IsString()
  primaryMetric: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  secondaryMetrics?: string[];

  @ApiProperty({ type: PlanDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PlanDto)
  plan: PlanDto;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsString()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsString()
  endsAt?: string;
}
