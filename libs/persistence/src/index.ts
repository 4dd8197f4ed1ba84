export { PersistenceModule } from './persistence.module.js';
export {
  analyticsDataSourceOptions,
  ANALYTICS_APPLICATION_NAME,
  dataSourceOptions,
  DEFAULT_DATABASE_TIMEOUTS,
  openDataSource,
  type DatabaseTimeouts,
  type PersistenceOptions,
} from './data-source-options.js';
export { PERSISTENCE_ERRORS, type PersistenceErrorCode } from './persistence-errors.js';
export {
  ProcessVersionRepository,
  type Deployment,
  type DeployedVersion,
  type ProcessVersionRecord,
  type ProcessVersionSummary,
  type ProcessVersionWithXml,
} from './process-versions/process-version.repository.js';
export {
  InstanceRepository,
  type AuditEntry,
  type InstanceFilter,
  type InstanceRecord,
  type InstanceSummary,
  type Page,
  type ActivityRunRow,
  type StoredInstance,
  type CommitExtra,
  idempotencyKeyInProgress,
} from './instances/instance.repository.js';
export { WorkerTopicRepository } from './external-tasks/worker-topic.repository.js';
export {
  IdempotencyKeyRepository,
  type ClaimOutcome,
  type ClaimTimes,
  type IdempotencyClaim,
  type IdempotentRequest,
  type StoredAnswer,
} from './idempotency/idempotency-key.repository.js';
export { AUDIT_OPERATIONS, type AuditOperation } from './instances/instance-audit.js';
export type { IdempotentAnswerRow } from './instances/commit-plan.js';
export {
  isCandidate,
  TaskRepository,
  type TaskCandidate,
  type TaskComment,
  type TaskCount,
  type TaskCountFilter,
  type TaskPage,
  type ShownTaskRecord,
  type TaskEscalation,
  type TaskFilter,
  type TaskHistoryStep,
  type TaskListView,
  type TaskRecord,
  type TaskSort,
  type TaskState,
  type TaskStatus,
} from './tasks/task.repository.js';
export {
  ExternalTaskRepository,
  type ExternalTaskFailure,
  type ExternalTaskListFilter,
  type ExternalTaskRecord,
  type FailureOutcome,
  type FetchAndLock,
  type LockedExternalTask,
} from './external-tasks/external-task.repository.js';
export { ExternalTaskListener, EXTERNAL_TASK_CHANNEL, type AnnouncedTopics, type ExternalTaskListening } from './external-tasks/external-task-listener.js';
export {
  JobRepository,
  type ClaimedJob,
  type JobClaim,
  type JobFailure,
  type StartTimer,
  type SlaBreachJob,
  type StartTimerJob,
  type TimerJob,
  type TimerRepeat,
} from './jobs/job.repository.js';
export { JOB_ERRORS } from './jobs/job-errors.js';
export { type StartTimerFiring } from './jobs/start-timer-firing.js';
export { IncidentRepository, type IncidentFilter, type IncidentOutcome, type IncidentPaging, type IncidentRecord } from './incidents/incident.repository.js';
export { SubscriptionRepository, type MessageSubscriptionRecord, type StartEventRecord } from './subscriptions/subscription.repository.js';
export { MessageRepository } from './messages/message.repository.js';
export { type MessageReceipt, type MessageRecord } from './messages/message-receipt.js';
export { DecisionRepository, type DecisionDeployment, type DecisionSummary, type DecisionWithXml, type DeployedDecision } from './decisions/decision.repository.js';
export { DeploymentRepository, type DeployedDocuments, type MultiDeployment } from './process-versions/deployment.repository.js';
export { CallActivityRepository, type CallActivityRecord, type FollowUpClaim, type FollowUpFailure } from './call-activities/call-activity.repository.js';
export { DatabaseHealth } from './health/database-health.js';
export { OperationsGaugesRepository, type PoolUse } from './observability/operations-gauges.repository.js';
export { USER_ROLES, type UserRole } from './identity/roles.js';
export {
  UserRepository,
  type NewUser,
  type SignedInUser,
  type UserChanges,
  type UserCredentials,
  type UserFilter,
  type UserRecord,
  type UserWrite,
} from './identity/user.repository.js';
export { SessionRepository, type NewSession, type RevokeReason, type Rotation, type SessionRotation } from './identity/session.repository.js';
export { GroupRepository, type GroupChanges, type GroupRecord, type NewGroup } from './identity/group.repository.js';
export { ApiKeyRepository, type ApiKeyRecord, type NewApiKey } from './identity/api-key.repository.js';
export { AuthSecretRepository } from './identity/auth-secret.repository.js';
export { IdentityChanges, IDENTITY_CHANNEL, type IdentityChangeListener } from './identity/identity-changes.js';
export {
  TaskChangeChannel,
  TASK_CHANGE_CHANNEL,
  type CaseChange,
  type TaskAudience,
  type TaskChange,
  type TaskChangeBatch,
  type TaskChangeHandlers,
} from './tasks/task-change-channel.js';
export type { ChannelListening } from './notifications/channel-listening.js';
export { LoginAttemptRepository, type LoginFailures } from './identity/login-attempt.repository.js';
export { FormRepository, type DeployedForm, type FormDeployment, type FormSummary, type FormWithSchema } from './forms/form.repository.js';
export { ANALYTICS_DATA_SOURCE, ANALYTICS_DATABASE, AnalyticsDatabase, onAnalyticsDatabase } from './analytics/analytics-database.js';
export { databaseOfError } from './sql.js';
export { AnalyticsRepository, type AnalyticsScope, type EventLogCase } from './analytics/analytics.repository.js';
export {
  CaseFactRepository,
  type ArmFact,
  type ArmFactAggregates,
  type BinnedFactDurations,
  type EndedArmFact,
  type FactScope,
  type FactUtilization,
  type RollupDays,
  type RollupPart,
} from './analytics/case-fact.repository.js';
export { AnalyticsAggregator } from './analytics/analytics-aggregator.js';
export { ModelDraftRepository, type ModelDraft } from './drafts/model-draft.repository.js';
export { KpiTargetRepository, type KpiTarget, type KpiTargetSet } from './analytics/kpi-target.repository.js';
export { HistoryPartitionRepository, type RetentionResult } from './history/history-partition.repository.js';
export { SimulatedHistoryRepository, type SimulatedAssignment, type SimulatedHistory } from './simulation/simulated-history.repository.js';
export { PARTITION_MONTHS_AHEAD } from './history/history-months.js';
export { type AssignmentRecord, type NewAssignment } from './experiments/experiment-assignment.js';
export {
  ExperimentRepository,
  type ArmCounts,
  type ExperimentEvent,
  type ExperimentFilter,
  type ExperimentRecord,
  type ExperimentUpdate,
  type NewExperimentEvent,
  type RoutedCase,
  type StartRoute,
} from './experiments/experiment.repository.js';
