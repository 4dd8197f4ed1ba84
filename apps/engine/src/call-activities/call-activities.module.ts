import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { InstancesModule } from '../instances/instances.module.js';
import { CallActivityFollowUps } from './call-activity-follow-ups.service.js';
import { CallActivityReconciler } from './call-activity-reconciler.service.js';
import { CalledProcesses } from './called-processes.js';

/** Runs called processes: starts children, reports their end to the parent, cancels them with it. */
@Module({
  imports: [InstancesModule, DefinitionsModule],
  providers: [CalledProcesses, CallActivityFollowUps, CallActivityReconciler],
  exports: [CallActivityFollowUps],
})
export class CallActivitiesModule {}
