import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { StartTimersModule } from '../jobs/start-timers.module.js';
import { DecisionCatalog } from './decision-catalog.js';
import { DecisionsController } from './decisions.controller.js';
import { DefinitionsService } from './definitions.service.js';
import { DeploymentPreviewService } from './deployment-preview.service.js';
import { ExperimentRepository } from '#persistence';
import { DeploymentsController, MAX_DEPLOYMENT_FILES } from './deployments.controller.js';
import { JobWarnings } from './job-warnings.service.js';
import { ProcessVersionCache } from './process-version-cache.js';
import { ProcessVersionDiffService } from './process-version-diff.service.js';
import { ProcessVersionsController } from './process-versions.controller.js';

@Module({
  imports: [
    // No storage given: multer keeps the upload in memory, bounded by the size limit.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.maxBodyBytes, files: MAX_DEPLOYMENT_FILES } }),
    }),
    StartTimersModule,
  ],
  controllers: [DeploymentsController, ProcessVersionsController, DecisionsController],
  providers: [DefinitionsService, DeploymentPreviewService, JobWarnings, ExperimentRepository, ProcessVersionCache, ProcessVersionDiffService, DecisionCatalog],
  exports: [DefinitionsService, ProcessVersionCache, DecisionCatalog],
})
export class DefinitionsModule {}
