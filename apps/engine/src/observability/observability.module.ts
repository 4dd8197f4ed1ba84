import { Global, Module } from '@nestjs/common';
import { EngineMetrics } from './engine-metrics.js';

/** Metrics for every feature to feed; `serveMetrics` (app-setup) exposes them. */
@Global()
@Module({
  providers: [EngineMetrics],
  exports: [EngineMetrics],
})
export class ObservabilityModule {}
