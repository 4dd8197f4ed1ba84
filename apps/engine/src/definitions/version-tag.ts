import { MAX_VERSION_TAG_LENGTH } from '#bpmn';
import { DomainError } from '#core';
import { APP_ERRORS } from '../common/app-errors.js';

/** The same limit as a model's zeebe:versionTag, checked by the bpmn lib's validation. */
export const MAX_TAG_LENGTH = MAX_VERSION_TAG_LENGTH;

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
