import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { SettingsController } from './settings.controller.js';

@Module({ controllers: [HealthController, SettingsController], providers: [HealthService] })
export class HealthModule {}
