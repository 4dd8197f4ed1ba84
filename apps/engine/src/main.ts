import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app-setup.js';
import { AppModule } from './app.module.js';
import { loadServerConfig, logLevelsUpTo } from './common/config.js';
import { projectRootOf } from './common/project-root.js';
import { deployDirectory } from './definitions/deploy-directory.js';
import { DefinitionsService } from './definitions/definitions.service.js';
import { demoNotice } from './demo/demo-notice.js';
import { DemoSeeder, type DemoOutcome } from './demo/demo-seeder.js';
import { DemoWorker } from './demo/demo-worker.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { JsonLogger } from './observability/json-logger.js';
import { QuietBootstrapLogger } from './observability/quiet-bootstrap-logger.js';
import { startupSummary } from './startup-summary.js';

const bootstrap = async (): Promise<void> => {
  const config = loadServerConfig(process.env, projectRootOf(import.meta.url));
  const levels = logLevelsUpTo(config.logLevel);
  const appLogger = new QuietBootstrapLogger(config.logFormat === 'json' ? new JsonLogger(levels) : new ConsoleLogger({ logLevels: levels }));
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Tandem');
  let database: EmbeddedDatabase | undefined;
  let app: NestExpressApplication | undefined;
  let demoWorker: DemoWorker | undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    database?.stopWatching();
    try {
      // Nest first (HTTP, job runner, connection pool), then the database under it.
      await demoWorker?.stop();
      await app?.close();
      await database?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    if (config.databaseUrl === undefined) {
      database = await startEmbeddedDatabase({
        dataDir: config.dataDir,
        port: config.embeddedDatabasePort,
        restartDelayMs: config.embeddedDatabaseRestartDelayMs,
        logger,
      });
    }
    const databaseUrl = config.databaseUrl ?? database!.url;
    app = await NestFactory.create<NestExpressApplication>(AppModule.register({ ...config, databaseUrl }), {
      bodyParser: false,
      logger: appLogger,
    });
    configureApp(app, config);
    // init connects and runs the migrations; the job runner starts with it.
    await app.init();
    if (config.deployReferenceProcesses) {
      await deployDirectory(app.get(DefinitionsService), config.processesDir, logger);
    }
    // npm run demo: simulated history, a running experiment and live cases, seeded once per database.
    const demo: DemoOutcome | undefined = process.env.TANDEM_DEMO === 'true' ? await new DemoSeeder(app, logger).seed({ processesDir: config.processesDir }) : undefined;
    if (demo) {
      demoWorker = new DemoWorker(app);
      demoWorker.start();
    }
    await app.listen(config.port);
    if (demo) logger.log(demoNotice(config.port, demo));
    const summary = startupSummary({
      port: config.port,
      database: database ? { embedded: { dataDir: config.dataDir, port: config.embeddedDatabasePort } } : { externalUrl: databaseUrl },
      demoUsers: config.auth.demoUsers,
      adminUsername: config.auth.initialAdmin?.username,
      startedInMs: performance.now(),
    });
    // A person reads this block at a terminal: printed plain, without the log prefix (one entry in JSON logs).
    if (config.logFormat === 'json') logger.log(summary);
    else process.stdout.write(`\n${summary}\n\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      logger.error(`Port ${config.port} is in use (another Tandem?): stop what runs there, or start with PORT=<another port>`);
    else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await app?.close().catch(() => undefined);
    await database?.stop();
    process.exit(1);
  }
};

await bootstrap();
