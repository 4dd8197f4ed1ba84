import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { AuditEntryView } from './dto/audit-entry.view.js';
import { InstanceView } from './dto/instance.view.js';
import { MigrateInstanceDto } from './dto/migrate-instance.dto.js';
import { MigrateInstancesDto } from './dto/migrate-instances.dto.js';
import { BatchMigrationView } from './dto/migration-result.view.js';
import { OperatorDto } from './dto/operator.dto.js';
import { SetVariablesDto } from './dto/set-variables.dto.js';
import { InstanceOperationsService } from './instance-operations.service.js';

const ENDED = 'INSTANCE_NOT_ACTIVE (the instance has ended), REVISION_CONFLICT';

@ApiTags('instance operations')
@ApiNotFoundResponse({ description: 'INSTANCE_NOT_FOUND, PROCESS_VERSION_NOT_FOUND' })
@Controller()
export class InstanceOperationsController {
  constructor(private readonly operations: InstanceOperationsService) {}

  @Post('instances/:id/cancel')
  @Allow('POST /api/instances/{id}/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'The instance, canceled: its tasks, external tasks and timers are closed' })
  @ApiConflictResponse({ description: ENDED })
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() body: OperatorDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.operations.cancel(id, body, principal.name);
  }

  @Post('instances/:id/suspend')
  @Allow('POST /api/instances/{id}/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'Suspended: its tasks, external tasks, timers and messages wait until it is resumed' })
  @ApiConflictResponse({ description: `INSTANCE_SUSPENDED (already), ${ENDED}` })
  suspend(@Param('id', ParseUUIDPipe) id: string, @Body() body: OperatorDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.operations.suspend(id, body, principal.name);
  }

  @Post('instances/:id/resume')
  @Allow('POST /api/instances/{id}/resume')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'Active again: timers that fell due meanwhile fire now' })
  @ApiConflictResponse({ description: `INSTANCE_NOT_SUSPENDED, ${ENDED}` })
  resume(@Param('id', ParseUUIDPipe) id: string, @Body() body: OperatorDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.operations.resume(id, body, principal.name);
  }

  // PUT and PATCH both merge, as Camunda 8's variable update does: variables not named stay.
  @Put('instances/:id/variables')
  @Allow('PUT /api/instances/{id}/variables')
  @ApiOkResponse({ type: InstanceView, description: 'The variables are set (merged into the existing ones)' })
  @ApiConflictResponse({ description: `ACTIVITY_NOT_ACTIVE (activityInstanceId), ${ENDED}` })
  putVariables(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetVariablesDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.operations.setVariables(id, body, principal.name);
  }

  @Patch('instances/:id/variables')
  @Allow('PATCH /api/instances/{id}/variables')
  @ApiOkResponse({ type: InstanceView, description: 'The variables are set (merged into the existing ones)' })
  @ApiConflictResponse({ description: `ACTIVITY_NOT_ACTIVE (activityInstanceId), ${ENDED}` })
  patchVariables(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetVariablesDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.operations.setVariables(id, body, principal.name);
  }

  @Get('instances/:id/audit')
  @Allow('GET /api/instances/{id}/audit')
  @ApiOkResponse({ type: [AuditEntryView], description: 'Operator commands on the instance, oldest first' })
  audit(@Param('id', ParseUUIDPipe) id: string): Promise<AuditEntryView[]> {
    return this.operations.audit(id);
  }

  @Post('instances/:id/migrate')
  @Allow('POST /api/instances/{id}/migrate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'The instance on the target version; its tasks keep their ids and claims' })
  @ApiUnprocessableEntityResponse({
    description: 'MIGRATION_ELEMENT_UNMAPPED or MIGRATION_MAPPING_INVALID, details.problems naming each element; nothing changed',
  })
  @ApiConflictResponse({ description: ENDED })
  migrate(@Param('id', ParseUUIDPipe) id: string, @Body() body: MigrateInstanceDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.operations.migrate(id, body, principal.name);
  }

  @Post('process-versions/:id/migrate-instances')
  @Allow('POST /api/process-versions/{id}/migrate-instances')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BatchMigrationView, description: 'Per instance: migrated, or failed with the error (e.g. its unmappable elements)' })
  @ApiUnprocessableEntityResponse({ description: 'MIGRATION_MAPPING_INVALID: the mapping is wrong for any instance; nothing changed' })
  migrateInstances(@Param('id', ParseUUIDPipe) id: string, @Body() body: MigrateInstancesDto, @CurrentPrincipal() principal: Principal): Promise<BatchMigrationView> {
    return this.operations.migrateInstances(id, body, principal.name);
  }
}
