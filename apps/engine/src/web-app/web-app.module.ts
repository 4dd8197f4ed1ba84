import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { projectRootOf } from '../common/project-root.js';

/** Where `npm run build:web` puts the designers' app. */
export const webAppDirectory = (): string => join(projectRootOf(import.meta.url), 'dist', 'web');

/**
 * Serves the built web app (apps/web) at `/`. Registered once the API routes are, so `/api/...`
 * keeps answering as before; a path the app does not have falls through to the usual 404. When the
 * app is not built the engine runs API-only.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  private readonly logger = new Logger('WebApp');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const directory = webAppDirectory();
    if (!existsSync(join(directory, 'index.html'))) {
      this.logger.log(`No web app in ${directory} (npm run build:web builds it); serving the API only`);
      return;
    }
    this.adapterHost.httpAdapter.useStaticAssets(directory, { index: 'index.html', fallthrough: true });
    this.logger.log(`Web app served at / from ${directory}`);
  }
}
