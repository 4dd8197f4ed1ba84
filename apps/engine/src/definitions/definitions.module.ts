import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { DefinitionsService } from './definitions.service.js';
import { DeploymentsController } from './deployments.controller.js';
import { ProcessVersionCache } from './process-version-cache.js';
import { ProcessVersionsController } from './process-versions.controller.js';

@Module({
  imports: [
    // No storage given: multer keeps the upload in memory, bounded by the size limit.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.maxBodyBytes, files: 1 } }),
    }),
  ],
  controllers: [DeploymentsController, ProcessVersionsController],
  providers: [DefinitionsService, ProcessVersionCache],
  exports: [DefinitionsService, ProcessVersionCache],
})
export class DefinitionsModule {}
