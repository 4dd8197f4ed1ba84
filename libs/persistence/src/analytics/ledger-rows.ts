import type { StepEvent, StepType } from '#analytics';

/** The step_event columns the analytics read, aliased for `toStepEvent`. */
export const LEDGER_COLUMNS = `s.instance_id AS "instanceId", s.activity_instance_id AS "activityInstanceId", s.element_id AS "elementId",
  s.element_type AS "elementType", s.type, s.at, s.actor, s.lane_id AS "laneId",
  s.previous_activity_instance_id AS "previousActivityInstanceId", s.detail`;

export interface StepEventRow extends Omit<StepEvent, 'at' | 'type'> {
  type: string;
  at: Date;
}

export const toStepEvent = (row: StepEventRow): StepEvent => ({ ...row, type: row.type as StepType, at: row.at.getTime() });
