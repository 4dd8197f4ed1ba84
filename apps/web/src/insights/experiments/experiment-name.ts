import type { ExperimentArm, ExperimentView } from '../../api/experiments-types.js';

/** What the name needs of a process version: its process's name (or key) and its number. */
export interface VersionNaming {
  key: string;
  name?: string | null;
  version: number;
}

/**
 * An experiment as people name it, since the API stores no name of its own: the process and its
 * arms with their versions, "Customer service: to-be v2 vs as-is v1". Ids stay out of titles and pickers.
 */
export const experimentName = (experiment: Pick<ExperimentView, 'processKey' | 'arms'>, versionOf: (processVersionId: string) => VersionNaming | undefined): string => {
  const arm = (a: ExperimentArm) => {
    const version = versionOf(a.processVersionId);
    return version ? `${a.id} v${version.version}` : a.id;
  };
  const process = experiment.arms.map((a) => versionOf(a.processVersionId)).find((v) => v !== undefined);
  const candidates = experiment.arms.filter((a) => a.role === 'candidate').map(arm);
  const baseline = experiment.arms.filter((a) => a.role === 'baseline').map(arm);
  return `${process?.name ?? experiment.processKey}: ${candidates.join(', ')} vs ${baseline.join(', ')}`;
};
