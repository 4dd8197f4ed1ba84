export { PersistenceModule } from './persistence.module.js';
export { dataSourceOptions, openDataSource, type PersistenceOptions } from './data-source-options.js';
export { PERSISTENCE_ERRORS } from './persistence-errors.js';
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
  type InstanceFilter,
  type InstanceRecord,
  type InstanceSummary,
  type Page,
  type StepLedgerRow,
  type StoredInstance,
} from './instances/instance.repository.js';
export { TaskRepository, type TaskFilter, type TaskRecord, type TaskStatus } from './tasks/task.repository.js';
export {
  ExternalTaskRepository,
  type ExternalTaskFailure,
  type ExternalTaskRecord,
  type FailureOutcome,
  type FetchAndLock,
} from './external-tasks/external-task.repository.js';
export { JobRepository, type ClaimedJob, type JobClaim, type JobFailure } from './jobs/job.repository.js';
export { IncidentRepository, type IncidentFilter, type IncidentRecord } from './incidents/incident.repository.js';
export { DatabaseHealth } from './health/database-health.js';
