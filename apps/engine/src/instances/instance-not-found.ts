import { DomainError } from '#core';
import { APP_ERRORS } from '../common/app-errors.js';

export const instanceNotFound = (id: string) => new DomainError(APP_ERRORS.instanceNotFound, `Instance ${id} does not exist`, { id });
