import { DomainError } from '#core';
import { APP_ERRORS } from '../common/app-errors.js';

/** Long enough for "to-be (pilot north)", short enough to fit a picker's label. */
export const MAX_TAG_LENGTH = 40;

/**
 * A tag as stored: trimmed, blank meaning none (null). Anything but a string of at most
 * MAX_TAG_LENGTH characters is refused naming the field, before anything is stored.
 */
export const normalizeTag = (tag: unknown): string | null => {
  if (tag === undefined || tag === null) return null;
  if (typeof tag !== 'string' || tag.trim().length > MAX_TAG_LENGTH) {
    throw new DomainError(APP_ERRORS.processVersionTagInvalid, `tag must be text of at most ${MAX_TAG_LENGTH} characters`, { field: 'tag' });
  }
  const trimmed = tag.trim();
  return trimmed === '' ? null : trimmed;
};
