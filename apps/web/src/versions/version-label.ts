/** What the label needs of a process version (the API's ProcessVersion has all of it). */
export interface LabeledVersion {
  key: string;
  version: number;
  tag: string | null;
  deployedAt: string;
  deployedBy: string | null;
}

/** "3 Nov": a picker names the day, the version page the minute. */
const dayOf = (iso: string, timeZone?: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(timeZone !== undefined && { timeZone }) });

/**
 * How every picker names a version, so as-is and to-be of one key can be told apart:
 * "customer-service · v2 · to-be · deployed 3 Nov by dora". The time zone is the browser's
 * unless given (the specs pin it).
 */
export const versionLabel = (version: LabeledVersion, timeZone?: string): string =>
  [
    version.key,
    `v${version.version}`,
    ...(version.tag === null || version.tag === '' ? [] : [version.tag]),
    `deployed ${dayOf(version.deployedAt, timeZone)} ${version.deployedBy === null ? 'at start-up' : `by ${version.deployedBy}`}`,
  ].join(' · ');
