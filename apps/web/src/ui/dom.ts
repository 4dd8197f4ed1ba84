/** The element marked `data-role="<role>"` inside a page; a missing one is a bug in the page's template. */
export const byRole = <T extends HTMLElement = HTMLElement>(root: ParentNode, role: string): T => {
  const element = root.querySelector<T>(`[data-role="${role}"]`);
  if (!element) throw new Error(`The page has no [data-role="${role}"]`);
  return element;
};

/** Dates as the designer's browser writes them, with the time. */
export const formatDateTime = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export type ElementChild = Node | string | null | undefined | false;

/**
 * An element with its attributes (`class`, `data-*`, `title`, `aria-*`, `style`; true sets an empty
 * one, false and undefined leave it out) and its children, text or nodes (null and false left out).
 */
export const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: ElementChild[]
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    // Through the CSSOM: a parsed style attribute is inline style, which the app's CSP refuses.
    if (name === 'style') node.style.cssText = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
  return node;
};
