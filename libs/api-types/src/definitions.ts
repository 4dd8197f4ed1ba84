/** The deployed process versions as the definitions API answers them; the engine's views implement these. */
import type { DelegateConversion, Problem, ProcessDiff, TranslatedExpression } from '#bpmn';

/** One deployed process version, as GET /api/process-versions lists it. */
export interface ProcessVersionView {
  id: string;
  /** the process id in the BPMN XML */
  key: string;
  version: number;
  name: string | null;
  /** sha256 of the deployed XML */
  checksum: string;
  deployedAt: string;
  /** who deployed it; null when the engine deployed it at start-up */
  deployedBy: string | null;
  /** `as-is`, `to-be` or free text; null when untagged */
  tag: string | null;
  /** false for a documentation-only model (every process `isExecutable="false"`): it opens, diffs and simulates, but starts no case */
  executable: boolean;
}

/** GET /api/process-versions/{id} */
export interface ProcessVersionDetailView extends ProcessVersionView {
  xml: string;
  /** the JUEL expressions of a Camunda 7 model (kept in the XML) and the FEEL each runs as */
  translations: TranslatedExpression[];
}

export interface DeployedVersionView extends ProcessVersionView {
  /** false when identical XML was deployed before and that version came back */
  created: boolean;
}

/** POST /api/deployments, as far as the modeler reads it (the decisions and forms deployed beside are the engine's). */
export interface DeploymentView {
  processVersions: DeployedVersionView[];
  warnings: Problem[];
  /** JUEL expressions of Camunda 7 models and the FEEL they run as */
  translations: TranslatedExpression[];
  /** Java delegates turned into external tasks (`?convert=external-tasks`) */
  conversions: DelegateConversion[];
}

/** GET /api/process-versions/{before}/diff/{after}: the bpmn lib's diff between the two versions named. */
export interface ProcessVersionDiffView extends ProcessDiff {
  before: ProcessVersionView;
  after: ProcessVersionView;
}

/** A running or paused experiment of the key a deployment would give a new newest version. */
export interface PreviewExperimentView {
  id: string;
  state: string;
  /** which arm runs the key's newest version now, if one does; null when none of its arms is that version */
  newestArm: 'baseline' | 'candidate' | null;
}

/** A call activity that starts the key's latest version: after the deployment it starts the new one. */
export interface PreviewCallerView {
  versionId: string;
  key: string;
  version: number;
  elementId: string;
  elementName: string | null;
}

/** What deploying would do to one process key. */
export interface ProcessPreviewView {
  key: string;
  name: string | null;
  /** the newest version of the key now: the one new cases start on until the deployment; null for a new key */
  newest: ProcessVersionView | null;
  /** the version number the deployment gives the model, or the existing version's when identical XML was deployed before */
  version: number;
  /** true when identical XML was deployed before: that version comes back and nothing changes */
  identical: boolean;
  /** from the newest version to this model (NVA figures in `values`); null for a new key */
  diff: ProcessDiff | null;
  experiment: PreviewExperimentView | null;
  callers: PreviewCallerView[];
}

/** POST /api/deployments/preview: what a deployment of the XML would change; nothing is stored. */
export interface DeploymentPreviewView {
  processes: ProcessPreviewView[];
  warnings: Problem[];
}
