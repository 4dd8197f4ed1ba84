import type { StepEvent, StepType } from '#analytics';
import { omit, selectedAsFields, STEP_EVENT, withInstanceId } from '../tables.js';

/** The step_event columns a StepEvent holds (all but the row's own id), one field each. */
export const STEP_EVENT_FIELDS = withInstanceId(omit(STEP_EVENT.columns, 'id'));

/** The step_event columns the analytics read, aliased for `toStepEvent`. */
export const LEDGER_COLUMNS = selectedAsFields(STEP_EVENT_FIELDS, 's.');

export interface StepEventRow extends Omit<StepEvent, 'at' | 'type'> {
  type: string;
  at: Date;
}

export const toStepEvent = (row: StepEventRow): StepEvent => ({ ...row, type: row.type as StepType, at: row.at.getTime() });
