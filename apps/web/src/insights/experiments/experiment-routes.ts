/** The dashboard's addresses: `#/insights/experiments` lists, `#/insights/experiments/<id>` shows one. */
export const EXPERIMENTS_HREF = '#/insights/experiments';
export const experimentHref = (id: string): string => `${EXPERIMENTS_HREF}/${encodeURIComponent(id)}`;
