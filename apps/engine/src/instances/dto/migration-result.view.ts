import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BatchMigrationView as BatchMigrationShape, InstanceMigrationView as InstanceMigrationShape } from '#api-types';

export class MigrationErrorView {
  @ApiProperty({ example: 'MIGRATION_ELEMENT_UNMAPPED' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'For a refused migration: problems, each naming its element' })
  details?: Record<string, unknown>;
}

/** What became of one instance of a batch migration. */
export class InstanceMigrationView implements InstanceMigrationShape {
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty({ enum: ['migrated', 'wouldMigrate', 'failed'], description: 'wouldMigrate: a dry run found it movable; nothing was written' })
  status: 'migrated' | 'wouldMigrate' | 'failed';
  @ApiPropertyOptional({ description: 'The revision after the migration (a dry run: the current one)' }) revision?: number;
  @ApiPropertyOptional({ type: MigrationErrorView, description: 'Why it stayed where it was' }) error?: MigrationErrorView;
}

export class BatchMigrationView implements BatchMigrationShape {
  @ApiProperty({ format: 'uuid' }) sourceProcessVersionId: string;
  @ApiProperty({ format: 'uuid' }) targetProcessVersionId: string;
  @ApiProperty({ description: 'A dry run checks every instance and writes nothing' }) dryRun: boolean;
  @ApiProperty({ description: 'Moved, or (dry run) movable' }) migrated: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [InstanceMigrationView] }) results: InstanceMigrationView[];
}
