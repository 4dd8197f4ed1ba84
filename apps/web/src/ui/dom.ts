/** The element marked `data-role="<role>"` inside a page; a missing one is a bug in the page's template. */
export const byRole = <T extends HTMLElement = HTMLElement>(root: ParentNode, role: string): T => {
  const element = root.querySelector<T>(`[data-role="${role}"]`);
  if (!element) throw new Error(`The page has no [data-role="${role}"]`);
  return element;
};

/** Dates as the designer's browser writes them, with the time. */
export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
