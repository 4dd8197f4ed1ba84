import type { LoadOptions } from '#bpmn';
import { DomainError } from '#core';
import { APP_ERRORS } from '../common/app-errors.js';

/** The conversions a deployment may ask for (`?convert=`): Java delegates into external tasks. */
export const CONVERSIONS = ['external-tasks'] as const;

/** The `convert` setting of a deployment as load options; anything but a known conversion is refused naming the field, before anything is stored. */
export const conversionOptions = (convert: unknown): LoadOptions => {
  if (convert === undefined || convert === null || convert === '') return {};
  if (convert !== 'external-tasks') {
    throw new DomainError(APP_ERRORS.deploymentConvertInvalid, `convert must be one of: ${CONVERSIONS.join(', ')}`, { field: 'convert', known: [...CONVERSIONS] });
  }
  return { convertDelegates: true };
};
