/** Where the app is, from the URL hash: `#/modeler`, `#/versions`, `#/versions/<id>`. */
export type Route = { page: 'modeler' } | { page: 'versions'; versionId?: string };

export const parseRoute = (hash: string): Route => {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'versions') return id ? { page: 'versions', versionId: decodeURIComponent(id) } : { page: 'versions' };
  return { page: 'modeler' };
};
