import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProcessVersionRecord, ActivityRunRow } from '#persistence';

/** One activity instance in the step ledger: when it became ready, was claimed, started, ended. */
export class StepView {
  @ApiProperty() activityInstanceId: string;
  @ApiProperty() elementId: string;
  @ApiProperty({ example: 'userTask' }) elementType: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) laneId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readyAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) claimedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) canceledAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When an operator moved it to another process version' })
  migratedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actor: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where the token came from (hand-offs)' })
  previousActivityInstanceId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'startBefore',
    description: 'Set when the case started here, moved in from another engine (startBefore): the steps before it ran elsewhere',
  })
  movedIn: string | null;

  /** `versions`: where to look up the element's name, first match wins. */
  static of(row: ActivityRunRow, versions: readonly ProcessVersionRecord[]): StepView {
    return Object.assign(new StepView(), {
      activityInstanceId: row.activityInstanceId,
      elementId: row.elementId,
      elementType: row.elementType,
      name: versions.map(({ graph }) => graph.nodes[row.elementId]).find((node) => node !== undefined)?.name ?? null,
      laneId: row.laneId,
      readyAt: iso(row.readyAt),
      claimedAt: iso(row.claimedAt),
      startedAt: iso(row.startedAt),
      completedAt: iso(row.completedAt),
      canceledAt: iso(row.canceledAt),
      migratedAt: iso(row.migratedAt),
      actor: row.actor,
      previousActivityInstanceId: row.previousActivityInstanceId,
      movedIn: row.movedIn,
    });
  }
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
