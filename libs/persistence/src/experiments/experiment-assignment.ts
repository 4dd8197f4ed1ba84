import type { Assignment } from '#experiments';
import { EXPERIMENT_ASSIGNMENT, withInstanceId } from '../tables.js';

/** The arm one case met, stored with the case. */
export interface AssignmentRecord extends Assignment {
  instanceId: string;
  experimentId: string;
  assignedAt: Date;
}

/** The arm the router picked for a case about to start: committed with the case (CommitExtra) or not at all. */
export type NewAssignment = Omit<AssignmentRecord, 'instanceId'>;

/** The experiment_assignment columns an AssignmentRecord holds, one field each. */
export const ASSIGNMENT_FIELDS = withInstanceId(EXPERIMENT_ASSIGNMENT.columns);
