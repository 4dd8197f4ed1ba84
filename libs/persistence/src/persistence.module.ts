import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ANALYTICS_DATA_SOURCE, AnalyticsDatabase, analyticsDatabaseProviders } from './analytics/analytics-database.js';
import { CallActivityRepository } from './call-activities/call-activity.repository.js';
import { dataSourceOptions, openDataSource, type PersistenceOptions } from './data-source-options.js';
import { DecisionRepository } from './decisions/decision.repository.js';
import { ExternalTaskListener } from './external-tasks/external-task-listener.js';
import { ExternalTaskRepository } from './external-tasks/external-task.repository.js';
import { FormRepository } from './forms/form.repository.js';
import { DatabaseHealth } from './health/database-health.js';
import { OperationsGaugesRepository } from './observability/operations-gauges.repository.js';
import { ApiKeyRepository } from './identity/api-key.repository.js';
import { AuthSecretRepository } from './identity/auth-secret.repository.js';
import { LoginAttemptRepository } from './identity/login-attempt.repository.js';
import { GroupRepository } from './identity/group.repository.js';
import { IdentityChanges } from './identity/identity-changes.js';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository.js';
import { WorkerTopicRepository } from './external-tasks/worker-topic.repository.js';
import { SessionRepository } from './identity/session.repository.js';
import { UserRepository } from './identity/user.repository.js';
import { IncidentRepository } from './incidents/incident.repository.js';
import { InstanceRepository } from './instances/instance.repository.js';
import { JobRepository } from './jobs/job.repository.js';
import { MessageRepository } from './messages/message.repository.js';
import { DeploymentRepository } from './process-versions/deployment.repository.js';
import { ProcessVersionRepository } from './process-versions/process-version.repository.js';
import { SimulatedHistoryRepository } from './simulation/simulated-history.repository.js';
import { SubscriptionRepository } from './subscriptions/subscription.repository.js';
import { TaskChangeChannel } from './tasks/task-change-channel.js';
import { TaskRepository } from './tasks/task.repository.js';

const REPOSITORIES = [
  ProcessVersionRepository,
  InstanceRepository,
  TaskRepository,
  TaskChangeChannel,
  ExternalTaskRepository,
  ExternalTaskListener,
  JobRepository,
  IncidentRepository,
  SubscriptionRepository,
  MessageRepository,
  DecisionRepository,
  FormRepository,
  DeploymentRepository,
  CallActivityRepository,
  DatabaseHealth,
  OperationsGaugesRepository,
  UserRepository,
  SessionRepository,
  GroupRepository,
  ApiKeyRepository,
  IdentityChanges,
  AuthSecretRepository,
  LoginAttemptRepository,
  SimulatedHistoryRepository,
  IdempotencyKeyRepository,
  WorkerTopicRepository,
];

/**
 * Connects to PostgreSQL, runs the migrations and provides the repositories to the whole app, and
 * the reports' DataSource (ANALYTICS_DATA_SOURCE: the analytics replica's, else the primary's).
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(options),
          dataSourceFactory: () => openDataSource(options),
        }),
      ],
      providers: [...REPOSITORIES, ...analyticsDatabaseProviders(options)],
      exports: [...REPOSITORIES, AnalyticsDatabase, ANALYTICS_DATA_SOURCE],
    };
  }
}
