/** A diagram kept in this browser's localStorage between visits. */
export interface Draft {
  xml: string;
  /** Where the diagram came from, shown again when the draft is restored. */
  origin: string;
  savedAt: string;
}

const KEY = 'tandem.modeler.draft';

export const saveDraft = (draft: Draft): void => localStorage.setItem(KEY, JSON.stringify(draft));

/** The saved draft, or undefined when there is none or it is unreadable (then it is dropped). */
export const loadDraft = (): Draft | undefined => {
  const text = localStorage.getItem(KEY);
  if (text === null) return undefined;
  try {
    const draft = JSON.parse(text) as Partial<Draft>;
    if (typeof draft.xml === 'string' && typeof draft.origin === 'string' && typeof draft.savedAt === 'string') {
      return draft as Draft;
    }
  } catch {
    // fall through: a corrupt entry is worth nothing
  }
  localStorage.removeItem(KEY);
  return undefined;
};
