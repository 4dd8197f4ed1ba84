import { DomainError } from '#core';
import { APP_ERRORS } from '../common/app-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tandem's ids are UUIDs: any other id names nothing, a 404 as for an unknown one (Camunda's ids are free text). */
export const externalTaskIdOf = (id: string): string => {
  if (!UUID.test(id)) throw new DomainError(APP_ERRORS.externalTaskNotFound, `External task with id ${id} does not exist`, { id });
  return id;
};

export const definitionIdOf = (id: string): string => {
  if (!UUID.test(id)) throw new DomainError(APP_ERRORS.processVersionNotFound, `No matching definition with id ${id}`, { id });
  return id;
};

export const instanceIdOf = (id: string): string => {
  if (!UUID.test(id)) throw new DomainError(APP_ERRORS.instanceNotFound, `Process instance with id ${id} does not exist`, { id });
  return id;
};

export const taskIdOf = (id: string): string => {
  if (!UUID.test(id)) throw new DomainError(APP_ERRORS.taskNotFound, `Cannot find task with id ${id}`, { id });
  return id;
};
