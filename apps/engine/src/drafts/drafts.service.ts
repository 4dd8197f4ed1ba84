import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock } from '#engine';
import { ModelDraftRepository, type ModelDraft } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import { DRAFT_ERRORS } from './draft-errors.js';

/** A name a URL carries unescaped and a person can read: `modeler`, a process key. */
const NAME = /^[A-Za-z0-9._-]{1,80}$/;

const checkedName = (name: string): string => {
  if (!NAME.test(name)) {
    throw new DomainError(DRAFT_ERRORS.nameInvalid, `Draft name '${name.slice(0, 100)}' must be 1 to 80 letters, digits, '.', '_' or '-'`, { field: 'name' });
  }
  return name;
};

/** Each user's modeler drafts: saved as they edit, so a sign-out, a crash or another browser loses nothing. */
@Injectable()
export class DraftsService {
  constructor(
    private readonly drafts: ModelDraftRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(userId: string, name: string): Promise<ModelDraft> {
    const draft = await this.drafts.find(userId, checkedName(name));
    if (draft === null) throw new DomainError(DRAFT_ERRORS.notFound, `You have no draft named '${name}'`, { name });
    return draft;
  }

  save(userId: string, name: string, xml: string, origin: string): Promise<ModelDraft> {
    return this.drafts.save({ userId, name: checkedName(name), xml, origin, savedAt: this.clock.now() });
  }

  async discard(userId: string, name: string): Promise<void> {
    await this.drafts.delete(userId, checkedName(name));
  }
}
