import type { ProcessVersion } from '../api/process-versions-api.js';
import { formatDateTime } from '../ui/dom.js';
import { versionLabel } from './version-label.js';

/** A process key with its versions, newest first. */
export interface ProcessVersions {
  key: string;
  name: string | null;
  versions: ProcessVersion[];
}

export const groupByProcess = (versions: readonly ProcessVersion[]): ProcessVersions[] => {
  const byKey = new Map<string, ProcessVersion[]>();
  for (const version of versions) byKey.set(version.key, [...(byKey.get(version.key) ?? []), version]);
  return [...byKey.entries()]
    .map(([key, list]) => {
      const newestFirst = [...list].sort((a, b) => b.version - a.version);
      return { key, name: newestFirst[0]?.name ?? null, versions: newestFirst };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
};

/** The version deployed just before this one under the same key, if any. */
export const previousVersionOf = (versions: readonly ProcessVersion[], current: ProcessVersion): ProcessVersion | undefined =>
  versions.filter((version) => version.key === current.key && version.version < current.version).sort((a, b) => b.version - a.version)[0];

export interface VersionListOptions {
  /** What choosing a version does: a link (the versions page) or a callback (the modeler's open dialog). */
  hrefOf?(version: ProcessVersion): string;
  onChoose?(version: ProcessVersion): void;
  /** The version shown now, highlighted. */
  currentId?: string;
}

/** Processes and their versions with deployment times. */
export const renderVersionList = (container: HTMLElement, versions: readonly ProcessVersion[], options: VersionListOptions): void => {
  container.replaceChildren();
  const processes = groupByProcess(versions);
  if (processes.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'Nothing deployed yet.';
    container.append(empty);
    return;
  }
  for (const process of processes) {
    const section = document.createElement('section');
    section.className = 'process-versions';
    section.dataset.processKey = process.key;
    const heading = document.createElement('h3');
    heading.textContent = process.name ?? process.key;
    const key = document.createElement('span');
    key.className = 'process-key';
    key.textContent = process.key;
    heading.append(' ', key);
    const list = document.createElement('ul');
    for (const version of process.versions) {
      const item = document.createElement('li');
      const choose = options.hrefOf ? document.createElement('a') : document.createElement('button');
      if (choose instanceof HTMLAnchorElement) choose.href = options.hrefOf!(version);
      else {
        choose.type = 'button';
        choose.addEventListener('click', () => options.onChoose?.(version));
      }
      choose.className = 'version-link';
      choose.dataset.versionId = version.id;
      choose.dataset.version = String(version.version);
      choose.textContent = versionLabel(version);
      if (version.name) choose.title = version.name;
      if (version.id === options.currentId) item.classList.add('current');
      const deployedAt = document.createElement('time');
      deployedAt.dateTime = version.deployedAt;
      // The label names the day; the exact minute beside it.
      deployedAt.textContent = formatDateTime(version.deployedAt);
      item.append(choose, ' ', deployedAt);
      if (!version.executable) {
        // A documentation-only version opens, diffs and simulates, but starts no case.
        const badge = document.createElement('span');
        badge.className = 'documentation-only';
        badge.title = 'Every process of this model is marked not executable: no case can start on it';
        badge.textContent = 'documentation only';
        item.append(' ', badge);
      }
      list.append(item);
    }
    section.append(heading, list);
    container.append(section);
  }
};
