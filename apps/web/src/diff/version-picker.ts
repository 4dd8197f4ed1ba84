import type { ProcessVersion } from '../api/process-versions-api.js';
import { groupByProcess, previousVersionOf } from '../versions/version-list.js';
import { versionLabel } from '../versions/version-label.js';

/** Fills a select with every deployed version, grouped by process key, newest first. */
export const fillVersionSelect = (select: HTMLSelectElement, versions: readonly ProcessVersion[], selectedId: string | undefined): void => {
  select.replaceChildren();
  for (const process of groupByProcess(versions)) {
    const group = document.createElement('optgroup');
    group.label = process.name ? `${process.name} (${process.key})` : process.key;
    for (const version of process.versions) {
      const option = document.createElement('option');
      option.value = version.id;
      option.textContent = versionLabel(version);
      // The version's own name: as-is and to-be of one key may be named apart.
      if (version.name) option.title = version.name;
      option.selected = version.id === selectedId;
      group.append(option);
    }
    select.append(group);
  }
};

/** What to compare when nothing is chosen yet: the newest version of a process against the one before it. */
export const defaultPair = (versions: readonly ProcessVersion[]): { beforeId: string; afterId: string } | undefined => {
  const newestFirst = [...versions].sort((a, b) => b.deployedAt.localeCompare(a.deployedAt) || b.version - a.version);
  for (const latest of newestFirst) {
    const previous = previousVersionOf(versions, latest);
    if (previous) return { beforeId: previous.id, afterId: latest.id };
  }
  return undefined;
};
