/**
 * Where the app is, from the URL hash: `#/modeler`, `#/versions`, `#/versions/<id>`, `#/diff`,
 * `#/diff/<before>/<after>`, `#/tasklist`, `#/tasklist/<task id>`, `#/insights`, `#/insights/experiments`,
 * `#/insights/experiments/<experiment id>`, `#/insights/predict`; `#/insights?…` carries the insights' view (insights-state.ts).
 */
export type Route =
  | { page: 'modeler' }
  | { page: 'insights' }
  | { page: 'experiments'; experimentId?: string }
  | { page: 'prediction' }
  | { page: 'tasklist'; taskId?: string }
  | { page: 'versions'; versionId?: string }
  | { page: 'diff'; beforeId?: string; afterId?: string };

export const diffHref = (beforeId: string, afterId: string): string => `#/diff/${encodeURIComponent(beforeId)}/${encodeURIComponent(afterId)}`;

export const parseRoute = (hash: string): Route => {
  // A page's own state may follow a `?` (the insights keep theirs there).
  const [page, first, second] = hash.replace(/^#\/?/, '').split('?')[0].split('/');
  if (page === 'insights' && first === 'predict') return { page: 'prediction' };
  if (page === 'insights' && first === 'experiments') return second ? { page: 'experiments', experimentId: decodeURIComponent(second) } : { page: 'experiments' };
  if (page === 'insights') return { page: 'insights' };
  if (page === 'tasklist') return first ? { page: 'tasklist', taskId: decodeURIComponent(first) } : { page: 'tasklist' };
  if (page === 'versions') return first ? { page: 'versions', versionId: decodeURIComponent(first) } : { page: 'versions' };
  if (page === 'diff') {
    return first && second ? { page: 'diff', beforeId: decodeURIComponent(first), afterId: decodeURIComponent(second) } : { page: 'diff' };
  }
  return { page: 'modeler' };
};
