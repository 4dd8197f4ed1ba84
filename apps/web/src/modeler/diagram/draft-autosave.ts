import { saveDraft } from '../../api/drafts-api.js';
import { messageOf } from '../../ui/error-message.js';

/** The one draft the modeler keeps per user (GET/PUT /api/drafts/modeler). */
export const MODELER_DRAFT = 'modeler';

/** How long after the last edit the draft is saved: a burst of edits is one request. */
export const AUTOSAVE_DELAY_MS = 800;

export type DraftState = { kind: 'saved'; savedAt: string } | { kind: 'pending' } | { kind: 'failed'; message: string } | { kind: 'off' };

/**
 * Saves the diagram being edited on the server, shortly after each edit, so a sign-out, a closed
 * tab or another browser finds it. `unsaved` tells whether the latest edit is not yet stored: the
 * page then guards sign-out and tab close.
 */
export class DraftAutosave {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  private state: DraftState;
  /** Counts edits, so a save that finishes after a newer edit does not call that edit saved. */
  private edits = 0;

  constructor(
    private readonly read: () => Promise<{ xml: string; origin: string }>,
    private readonly show: (state: DraftState) => void,
    enabled: boolean,
  ) {
    this.state = enabled ? { kind: 'saved', savedAt: '' } : { kind: 'off' };
  }

  get enabled(): boolean {
    return this.state.kind !== 'off';
  }

  get unsaved(): boolean {
    return this.state.kind === 'pending' || this.state.kind === 'failed';
  }

  /** After an edit: save soon. */
  schedule(): void {
    if (this.state.kind === 'off') return;
    this.edits += 1;
    this.set({ kind: 'pending' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
  }

  /** Saves now if anything is unsaved; answers once it is stored or has failed (see `unsaved`). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.unsaved) return this.saving;
    // One save at a time: an edit made during a save is saved by the next one.
    await this.saving;
    this.saving = this.save();
    return this.saving;
  }

  /** The draft was stored by other means (the Save draft button), or there is nothing to keep. */
  markSaved(savedAt: string): void {
    clearTimeout(this.timer);
    if (this.state.kind !== 'off') this.set({ kind: 'saved', savedAt });
  }

  private async save(): Promise<void> {
    const edits = this.edits;
    this.set({ kind: 'pending' });
    try {
      const { savedAt } = await saveDraft(MODELER_DRAFT, await this.read());
      // An edit made meanwhile has scheduled the next save: it stays pending.
      if (this.edits === edits) this.set({ kind: 'saved', savedAt });
    } catch (error) {
      if (this.edits === edits) this.set({ kind: 'failed', message: messageOf(error) });
    }
  }

  private set(state: DraftState): void {
    this.state = state;
    this.show(state);
  }
}
