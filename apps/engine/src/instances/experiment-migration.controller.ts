import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { MigrateRunningDto } from '../experiments/dto/migrate-running.dto.js';
import { ExperimentMigrationService } from './experiment-migration.service.js';

@ApiTags('experiments')
@Controller('experiments')
export class ExperimentMigrationController {
  constructor(private readonly migration: ExperimentMigrationService) {}

  @Post(':id/migrate-running')
  @Allow('POST /api/experiments/{id}/migrate-running')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: "Per losing arm, its running cases checked (dryRun, the default) or moved to the winner's version: each migrated/wouldMigrate or failed with why" })
  @ApiConflictResponse({ description: 'EXPERIMENT_NOT_PROMOTED (details.state)' })
  @ApiUnprocessableEntityResponse({ description: 'MIGRATION_MAPPING_INVALID: the mapping names unknown elements; nothing changed' })
  migrateRunning(@Param('id', ParseUUIDPipe) id: string, @Body() body: MigrateRunningDto, @CurrentPrincipal() principal: Principal) {
    return this.migration.migrateRunning(id, body, principal.name);
  }
}
