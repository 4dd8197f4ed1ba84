export type StatusKind = 'info' | 'success' | 'error';

export interface StatusLink {
  href: string;
  text: string;
}

/** One line of feedback for the last action; `data-kind` lets tests and styles tell outcomes apart. */
export const showStatus = (container: HTMLElement, kind: StatusKind, text: string, link?: StatusLink): void => {
  container.replaceChildren();
  container.dataset.kind = kind;
  container.hidden = false;
  const message = document.createElement('span');
  message.className = 'status-message';
  message.textContent = text;
  container.append(message);
  if (link) {
    const anchor = document.createElement('a');
    anchor.href = link.href;
    anchor.textContent = link.text;
    container.append(' ', anchor);
  }
};
