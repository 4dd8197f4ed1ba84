import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { CandidateParameters, PredictionRequest, SimulationParameters } from '#simulation';

export const MAX_REPLICATIONS = 10;

export class PredictionDto implements PredictionRequest {
  @ApiProperty({ format: 'uuid', description: 'The version predicted (the baseline when a candidate is given)' })
  @IsUUID()
  processVersionId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A redesign to predict beside it, on the same seeds (paired differences)' })
  @IsOptional()
  @IsUUID()
  candidateVersionId?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "SimulationParameters (docs/simulation.md): seed, start, horizon, arrivals, pools, durations, branches, escalations, variables; e.g. a calibration's parameters with pools added",
  })
  @IsObject()
  parameters: SimulationParameters;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The candidate's own durations, branches, escalations (merged per element over the shared ones), pools or variables (replacing them)",
  })
  @IsOptional()
  @IsObject()
  candidateParameters?: CandidateParameters;

  @ApiPropertyOptional({ description: `Independent runs (seed, seed + 1, ...), 1-${MAX_REPLICATIONS}; default 5` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REPLICATIONS)
  replications?: number;
}
