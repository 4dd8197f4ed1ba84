import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_OPERATIONS, type AuditEntry } from '#persistence';

/** One operator command on the instance, as the audit trail records it. */
export class AuditEntryView {
  @ApiProperty({ description: 'Increases with every record (commit order)' }) id: string;
  @ApiProperty({ enum: AUDIT_OPERATIONS }) operation: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actor: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'setVariables: names (and activityInstanceId); migrate: fromProcessVersionId, toProcessVersionId, elementIds',
  })
  details: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;

  static of(entry: AuditEntry): AuditEntryView {
    return Object.assign(new AuditEntryView(), { ...entry, at: entry.at.toISOString() });
  }
}
