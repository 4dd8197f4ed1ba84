/**
 * The insights page's state in the URL hash's query (`#/insights?process=…&version=…`), so
 * reloading or sharing the URL shows the same view. Every field is optional: what the URL leaves
 * out the page chooses itself.
 */
export interface InsightsState {
  process?: string;
  version?: string;
  measure?: string;
  statistic?: string;
  /** yyyy-mm-dd, both inclusive, as the page's inputs show them. */
  from?: string;
  to?: string;
  segmentVariable?: string;
  segmentValue?: string;
}

const FIELDS = ['process', 'version', 'measure', 'statistic', 'from', 'to', 'segmentVariable', 'segmentValue'] as const;

/** The state a hash names; unknown parameters and empty values are ignored. */
export const readInsightsState = (hash: string): InsightsState => {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const state: InsightsState = {};
  for (const field of FIELDS) {
    const value = params.get(field)?.trim();
    if (value) state[field] = value;
  }
  return state;
};

/** The hash of the insights page showing this state, fields in a fixed order so equal views have equal URLs. */
export const insightsHash = (state: InsightsState): string => {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = state[field];
    if (value) params.set(field, value);
  }
  const query = params.toString();
  return query === '' ? '#/insights' : `#/insights?${query}`;
};

/** What choosing the version needs: a version and the cases that ended on it in the window. */
export interface EndedCount {
  id: string;
  version: number;
  endedCases: number;
}

/**
 * The version the page opens on when the URL names none: the one with the most ended cases in the
 * window, so a designer's fresh deploy does not land the analyst on an empty report; the newest
 * among equals (and when nothing ended).
 */
export const busiestVersion = (counts: readonly EndedCount[]): string | undefined => [...counts].sort((a, b) => b.endedCases - a.endedCases || b.version - a.version)[0]?.id;
