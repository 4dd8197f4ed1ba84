import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import type { Settings } from '#api-types';
import { APP_CONFIG, type AppConfig } from '../common/config.js';

@ApiTags('health')
@Controller('settings')
export class SettingsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Public: nothing here is secret, and a page may need it before anyone signs in. */
  @Get()
  @Allow('GET /api/settings')
  @ApiOkResponse({ description: '{ currency: "EUR" }: the ISO 4217 code money is written in (TANDEM_CURRENCY)' })
  settings(): Settings {
    return { currency: this.config.currency };
  }
}
