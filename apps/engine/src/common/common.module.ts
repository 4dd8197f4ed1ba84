import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config.js';
import { CLOCK, ID_GENERATOR, systemClock, uuidGenerator } from './engine-ports.js';
import { STATUS_FOR_CODE, type StatusForCode } from './status-for-code.js';

/** The configuration, the engine's ports (time and ids) and the status of each error code, available to every feature. */
@Module({})
export class CommonModule {
  static register(config: AppConfig, statusForCode: StatusForCode): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: systemClock },
      { provide: ID_GENERATOR, useValue: uuidGenerator },
      { provide: STATUS_FOR_CODE, useValue: statusForCode },
    ];
    return { module: CommonModule, global: true, providers, exports: providers.map((provider) => provider.provide) };
  }
}
