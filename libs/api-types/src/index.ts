export type { ExperimentArmView, ExperimentEventView, ExperimentView } from './experiments.js';
export type { BatchMigrationView, InstanceMigrationView, RunningMigrationView } from './migrations.js';
export type { ActivityReportView, KpiReportView, KpiTarget, KpiTargetsView, ReportHead, ReworkReportView, ValueAddedFigure, ValueAddedReportView } from './analytics.js';
export type {
  TaskCommentFields,
  TaskCommentView,
  TaskCountView,
  TaskEscalationFields,
  TaskEscalationTargetView,
  TaskEscalationView,
  CaseEventView,
  TaskEventTicketView,
  TaskEventView,
  TaskFields,
  TaskFormView,
  TaskHistoryStepFields,
  TaskHistoryStepView,
  TaskListView,
  TaskSort,
  TaskState,
  TaskStatus,
  TaskView,
} from './tasks.js';
export type {
  DeployedVersionView,
  DeploymentPreviewView,
  DeploymentView,
  PreviewCallerView,
  PreviewExperimentView,
  ProcessPreviewView,
  ProcessVersionDetailView,
  ProcessVersionDiffView,
  ProcessVersionView,
} from './definitions.js';
export type { PrincipalView, SessionView, Settings } from './auth.js';
export type { DraftView } from './drafts.js';
