import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExperimentArmView, ExperimentView as ExperimentViewShape } from '#api-types';
import type { ArmRole, Experiment, ExperimentState, PlanRequirements } from '#experiments';
import type { ArmCounts, ExperimentRecord } from '#persistence';

export class ArmView implements ExperimentArmView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['baseline', 'candidate'] }) role: ArmRole;
  @ApiProperty({ format: 'uuid' }) processVersionId: string;
  @ApiProperty() weight: number;
  @ApiPropertyOptional({ description: 'A paused candidate sends its new cases to the baseline' }) paused?: boolean;
  @ApiPropertyOptional({ description: 'Cases routed to the arm (GET /experiments/{id} only)' }) assigned?: number;
  @ApiPropertyOptional({ description: 'Of those, not ended yet' }) running?: number;
  @ApiPropertyOptional({ description: 'Of those, ended (completed or canceled)' }) finished?: number;
  @ApiPropertyOptional({ description: "The plan's required cases for the arm" }) required?: number;
}

export class PlanRequirementsView implements PlanRequirements {
  @ApiProperty({ description: 'Cases needed per arm for the primary metric' }) perArm: number;
  @ApiPropertyOptional({ description: 'Days until every arm has them, at the arrival rate observed since the start', nullable: true })
  expectedDays: number | null;
}

export class ExperimentView implements ExperimentViewShape {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() processKey: string;
  @ApiProperty({ enum: ['draft', 'running', 'paused', 'stopped', 'promoted'] }) state: ExperimentState;
  @ApiProperty() seed: number;
  @ApiProperty({ description: 'Bumped when the plan changes after the start' }) analysisVersion: number;
  @ApiProperty({ type: [ArmView] }) arms: ArmView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) unit: Experiment['unit'];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) segments: Experiment['segments'];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) ramp: Experiment['ramp'];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) guardrails: Experiment['guardrails'];
  @ApiProperty() primaryMetric: string;
  @ApiProperty({ type: [String] }) secondaryMetrics: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) plan: Experiment['plan'];
  @ApiPropertyOptional({ type: PlanRequirementsView, description: 'GET /experiments/{id} only' }) requirements?: PlanRequirementsView;
  @ApiPropertyOptional({ format: 'date-time' }) startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) endsAt?: string;
  @ApiPropertyOptional() winnerArmId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional() createdBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) startedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) stoppedAt?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: "The last guardrail check's results per candidate (status ok, breached, collecting or missing)" })
  guardrailChecks?: unknown[];
  @ApiPropertyOptional({ format: 'date-time' }) guardrailsCheckedAt?: string;
  @ApiPropertyOptional({ description: 'Guardrail checks run so far, by any engine process' }) guardrailCheckRuns?: number;

  static of(record: ExperimentRecord, progress?: { counts: ArmCounts[]; requirements: PlanRequirements }): ExperimentView {
    const { experiment } = record;
    const counts = new Map(progress?.counts.map((count) => [count.armId, count]));
    return Object.assign(new ExperimentView(), {
      id: experiment.id,
      processKey: experiment.processKey,
      state: experiment.state,
      seed: experiment.seed,
      analysisVersion: experiment.analysisVersion,
      arms: experiment.arms.map((arm) => ({
        ...arm,
        ...(progress && {
          assigned: counts.get(arm.id)?.assigned ?? 0,
          running: counts.get(arm.id)?.running ?? 0,
          finished: counts.get(arm.id)?.finished ?? 0,
          required: progress.requirements.perArm,
        }),
      })),
      unit: experiment.unit,
      segments: experiment.segments,
      ramp: experiment.ramp,
      guardrails: experiment.guardrails,
      primaryMetric: experiment.primaryMetric,
      secondaryMetrics: experiment.secondaryMetrics,
      plan: experiment.plan,
      ...(progress && { requirements: progress.requirements }),
      ...(experiment.startsAt !== undefined && { startsAt: experiment.startsAt }),
      ...(experiment.endsAt !== undefined && { endsAt: experiment.endsAt }),
      ...(experiment.winnerArmId !== undefined && { winnerArmId: experiment.winnerArmId }),
      createdAt: record.createdAt.toISOString(),
      ...(record.createdBy !== null && { createdBy: record.createdBy }),
      ...(record.startedAt !== null && { startedAt: record.startedAt.toISOString() }),
      ...(record.stoppedAt !== null && { stoppedAt: record.stoppedAt.toISOString() }),
      ...(record.guardrailChecks && { guardrailChecks: record.guardrailChecks }),
      ...(record.guardrailsCheckedAt && { guardrailsCheckedAt: record.guardrailsCheckedAt.toISOString() }),
      ...(record.guardrailCheckRuns !== undefined && { guardrailCheckRuns: record.guardrailCheckRuns }),
    });
  }
}
