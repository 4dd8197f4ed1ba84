export type { ExperimentArmView, ExperimentEventView, ExperimentView } from './experiments.js';
export type { BatchMigrationView, InstanceMigrationView, RunningMigrationView } from './migrations.js';
