import { Module } from '@nestjs/common';
import { StartTimerScheduler } from './start-timer-scheduler.service.js';

/**
 * Scheduling of timer start events, imported by the deployment. A module of its own: the job
 * runner's module imports the definitions module, so the definitions cannot import that one.
 */
@Module({
  providers: [StartTimerScheduler],
  exports: [StartTimerScheduler],
})
export class StartTimersModule {}
