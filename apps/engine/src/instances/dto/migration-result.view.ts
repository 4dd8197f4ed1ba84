import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MigrationErrorView {
  @ApiProperty({ example: 'MIGRATION_ELEMENT_UNMAPPED' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'For a refused migration: problems, each naming its element' })
  details?: Record<string, unknown>;
}

/** What became of one instance of a batch migration. */
export class InstanceMigrationView {
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty({ enum: ['migrated', 'failed'] }) status: 'migrated' | 'failed';
  @ApiPropertyOptional({ description: 'The revision after the migration' }) revision?: number;
  @ApiPropertyOptional({ type: MigrationErrorView, description: 'Why it stayed where it was' }) error?: MigrationErrorView;
}

export class BatchMigrationView {
  @ApiProperty({ format: 'uuid' }) sourceProcessVersionId: string;
  @ApiProperty({ format: 'uuid' }) targetProcessVersionId: string;
  @ApiProperty() migrated: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [InstanceMigrationView] }) results: InstanceMigrationView[];
}
