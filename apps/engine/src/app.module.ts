import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { PersistenceModule } from '#persistence';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CamundaRestModule } from './camunda-rest/camunda-rest.module.js';
import { CallActivitiesModule } from './call-activities/call-activities.module.js';
import { CommitReactions } from './commit-reactions.js';
import { CommonModule } from './common/common.module.js';
import { ConnectorsModule } from './connectors/connectors.module.js';
import type { AppConfig } from './common/config.js';
import { DomainExceptionFilter } from './common/domain-exception.filter.js';
import { DefinitionsModule } from './definitions/definitions.module.js';
import { DraftsModule } from './drafts/drafts.module.js';
import { statusForCode } from './error-status.js';
import { ExperimentsModule } from './experiments/experiments.module.js';
import { SimulationsModule } from './simulations/simulations.module.js';
import { ExternalTasksModule } from './external-tasks/external-tasks.module.js';
import { FormsModule } from './forms/forms.module.js';
import { HealthModule } from './health/health.module.js';
import { HistoryModule } from './history/history.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { InstancesModule } from './instances/instances.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { SignalsModule } from './signals/signals.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { UsersModule } from './users/users.module.js';
import { WebAppModule } from './web-app/web-app.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.register(config, statusForCode),
        PersistenceModule.forRoot({
          url: config.databaseUrl,
          poolSize: config.poolSize,
          timeouts: config.databaseTimeouts,
          ...(config.analyticsDatabaseUrl !== undefined && { analyticsUrl: config.analyticsDatabaseUrl }),
        }),
        AuthModule,
        IdempotencyModule,
        UsersModule,
        DefinitionsModule,
        DraftsModule,
        InstancesModule,
        CallActivitiesModule,
        FormsModule,
        TasksModule,
        ExternalTasksModule,
        ConnectorsModule,
        JobsModule,
        IncidentsModule,
        MessagesModule,
        SignalsModule,
        HealthModule,
        ObservabilityModule,
        AnalyticsModule,
        HistoryModule,
        ExperimentsModule,
        SimulationsModule,
        CamundaRestModule,
        WebAppModule,
      ],
      providers: [
        CommitReactions,
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        {
          provide: APP_PIPE,
          // Unknown fields are refused, not silently dropped: a typo in a request is a 400 naming it.
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
      ],
    };
  }
}
