import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config.js';
import { CLOCK, ID_GENERATOR, systemClock, uuidGenerator } from './engine-ports.js';

/** The configuration and the engine's ports (time and ids), available to every feature. */
@Module({})
export class CommonModule {
  static register(config: AppConfig): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: systemClock },
      { provide: ID_GENERATOR, useValue: uuidGenerator },
    ];
    return { module: CommonModule, global: true, providers, exports: providers.map((provider) => provider.provide) };
  }
}
