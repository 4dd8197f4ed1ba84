import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, type Express, type Request, type Response } from 'express';
import { API_KEY_SCHEME, BEARER_SCHEME } from './auth/access.decorators.js';
import { CAMUNDA_REST_PATHS } from './camunda-rest/camunda-rest-paths.js';
import { answerUnparsableRequest } from './common/client-error.js';
import type { AppConfig } from './common/config.js';
import { refuseDeepJson, refuseUnstorableEntries } from './common/json-body.js';
import { refuseNulInUrl } from './common/nul-character.js';
import { securityHeaders } from './common/security-headers.js';
import { EngineMetrics } from './observability/engine-metrics.js';
import { requestContextMiddleware } from './observability/request-context.js';

export const API_PREFIX = 'api';

/** Where Swagger UI is served. */
const DOCS_PATH = `${API_PREFIX}/docs`;

/** XML content types a deployment body may have. */
const XML_TYPES = ['application/xml', 'text/xml', 'application/bpmn+xml'];

/**
 * What the HTTP app needs beyond the module graph; shared by main.ts and the e2e tests so they
 * run the same app. Create the app with `bodyParser: false`: the parsers are registered here.
 */
export const configureApp = (app: NestExpressApplication, config: Pick<AppConfig, 'maxBodyBytes' | 'trustProxy'>): void => {
  app.getHttpServer().on('clientError', answerUnparsableRequest);
  app.use(securityHeaders(`/${DOCS_PATH}`));
  app.use(requestContextMiddleware);
  app.use(refuseNulInUrl);
  app.use(cookieParser());
  app.setGlobalPrefix(API_PREFIX, { exclude: [CAMUNDA_REST_PATHS] });
  serveMetrics(app);
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  // Registered as Nest's useBodyParser would, whose options type leaves out `verify` (Nest's rawBody uses it; this app does not).
  app.use(json({ limit: config.maxBodyBytes, verify: refuseDeepJson, reviver: refuseUnstorableEntries }));
  app.useBodyParser('text', { type: XML_TYPES, limit: config.maxBodyBytes });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tandem')
      .setDescription(
        'BPMN 2.0 workflow engine for redesigning service processes. Errors answer ' +
          '{ statusCode, code, message, details? }; lists put their total in X-Total-Count. ' +
          'Every endpoint but health, settings, login, refresh and logout needs credentials: a token from POST /api/auth/login as ' +
          '"Authorization: Bearer <token>", or a worker\'s API key as "X-API-Key: <key>".',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from POST /api/auth/login' }, BEARER_SCHEME)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: "An external worker's key (POST /api/api-keys)" }, API_KEY_SCHEME)
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document);
};

/**
 * Prometheus scrapes `/metrics` at the root, without credentials, as it expects: served by Express
 * beside the API (not a Nest route under `/api`); keep it to the internal network.
 */
const serveMetrics = (app: NestExpressApplication): void => {
  const metrics = app.get(EngineMetrics);
  (app.getHttpAdapter().getInstance() as Express).get('/metrics', async (_request: Request, response: Response) => {
    response.type(metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });
};
