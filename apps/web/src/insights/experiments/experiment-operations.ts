/**
 * What the dashboard lets a user do to an experiment: which operations the state allows, which
 * roles may call them, how each is confirmed, and the API's answer in words. Pure (no DOM).
 */
import type { ExperimentArm, ExperimentState, ExperimentView, RunningMigration } from '../../api/experiments-types.js';

export type ExperimentOperation = 'start' | 'pause' | 'resume' | 'stop' | 'promote' | 'pauseArm' | 'resumeArm' | 'migrateDryRun';

/**
 * The roles of each operation's endpoint: its row of the engine's role table
 * (apps/engine/src/auth/role-table.ts; admins may always). test/web/experiment-operations.spec.ts
 * reads the decorators, so the buttons and the API cannot drift apart.
 */
export const OPERATION_ROLES: Record<ExperimentOperation, readonly string[]> = {
  start: ['analyst'],
  pause: ['analyst'],
  resume: ['analyst'],
  stop: ['analyst'],
  promote: ['analyst'],
  pauseArm: ['analyst'],
  resumeArm: ['analyst'],
  migrateDryRun: ['designer'],
};

/** Whether a user with these roles may call the operation, as the engine's AccessGuard decides. */
export const mayOperate = (roles: readonly string[], operation: ExperimentOperation): boolean =>
  roles.includes('admin') || OPERATION_ROLES[operation].some((role) => roles.includes(role));

/** The experiment-wide operations the state allows (the lib's state machine: draft -> running <-> paused -> stopped | promoted). */
const BY_STATE: Record<ExperimentState, readonly ExperimentOperation[]> = {
  draft: ['start'],
  running: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  promoted: ['migrateDryRun'],
  stopped: [],
};

/** The operations on the experiment as a whole, for these roles. */
export const experimentOperations = (state: ExperimentState, roles: readonly string[]): ExperimentOperation[] =>
  BY_STATE[state].filter((operation) => mayOperate(roles, operation));

/** The operations on one arm: pause or resume a candidate, promote any arm, while the experiment routes cases. */
export const armOperations = (state: ExperimentState, arm: Pick<ExperimentArm, 'role' | 'paused'>, roles: readonly string[]): ExperimentOperation[] => {
  if (state !== 'running' && state !== 'paused') return [];
  const operations: ExperimentOperation[] = arm.role === 'candidate' ? [arm.paused ? 'resumeArm' : 'pauseArm'] : [];
  operations.push('promote');
  return operations.filter((operation) => mayOperate(roles, operation));
};

export interface OperationWording {
  /** the button */
  label: string;
  /** the confirmation dialog's question and what will happen */
  confirm: string;
  /** the confirming button */
  confirmLabel: string;
}

/** The button and its confirmation; `armId` for the arm operations. */
export const operationWording = (operation: ExperimentOperation, armId = ''): OperationWording => {
  switch (operation) {
    case 'start':
      return { label: '▶ Start', confirmLabel: 'Start', confirm: 'Start the experiment? New cases of the process are routed to its arms from now on.' };
    case 'pause':
      return {
        label: '‖ Pause',
        confirmLabel: 'Pause',
        confirm: 'Pause the experiment? New cases go to the baseline until it is resumed; cases already routed finish where they are.',
      };
    case 'resume':
      return { label: '▶ Resume', confirmLabel: 'Resume', confirm: 'Resume the experiment? New cases are routed to its arms again.' };
    case 'stop':
      return {
        label: '■ Stop',
        confirmLabel: 'Stop for good',
        confirm:
          'Stop the experiment for good? New cases start on the newest version again; routed cases finish where they are. A stopped experiment cannot be resumed or promoted.',
      };
    case 'promote':
      return {
        label: `★ Promote ${armId}`,
        confirmLabel: `Promote ${armId}`,
        confirm: `Promote arm ${armId}? Every new case goes to its version from now on; this ends the experiment.`,
      };
    case 'pauseArm':
      return { label: `‖ Pause ${armId}`, confirmLabel: `Pause ${armId}`, confirm: `Pause arm ${armId}? Its new cases go to the baseline until it is resumed.` };
    case 'resumeArm':
      return { label: `▶ Resume ${armId}`, confirmLabel: `Resume ${armId}`, confirm: `Resume arm ${armId}? It gets its share of new cases again.` };
    case 'migrateDryRun':
      return {
        label: '⇄ Check moving running cases (dry run)',
        confirmLabel: 'Run the check',
        confirm: "Check whether the losing arms' running cases can move to the winner's version? A dry run writes nothing.",
      };
  }
};

/** The API's answer to a state change in words: what changed. */
export const changedText = (operation: ExperimentOperation, before: ExperimentView, after: ExperimentView, armId = ''): string => {
  const transition = before.state === after.state ? `still ${after.state}` : `${before.state} → ${after.state}`;
  switch (operation) {
    case 'pauseArm':
    case 'resumeArm': {
      const paused = after.arms.find((arm) => arm.id === armId)?.paused === true;
      return `Arm ${armId} ${paused ? 'paused: its new cases go to the baseline' : 'resumed: it gets its share of new cases'} (experiment ${transition}).`;
    }
    case 'promote':
      return `Promoted ${after.winnerArmId ?? armId}: every new case goes to it (${transition}).`;
    default: {
      const done: Record<string, string> = { start: 'Started', pause: 'Paused', resume: 'Resumed', stop: 'Stopped' };
      return `${done[operation] ?? operation}: the experiment is ${after.state} (${transition}).`;
    }
  }
};

/** A migration check's answer: per losing arm, how many running cases could move and why the others could not. */
export const migrationText = (answer: RunningMigration): string => {
  const arms = answer.arms.map((arm) => {
    const could = answer.dryRun ? 'could move' : 'moved';
    const reasons = [...new Set(arm.results.filter((result) => result.error).map((result) => `${result.error!.code}: ${result.error!.message}`))].slice(0, 3);
    return `arm ${arm.armId}: ${arm.migrated} running case${arm.migrated === 1 ? '' : 's'} ${could} to ${answer.winnerArmId}, ${arm.failed} could not${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;
  });
  return `${answer.dryRun ? 'Dry run, nothing was moved' : 'Moved'}: ${arms.length > 0 ? arms.join('; ') : 'no losing arm'}.`;
};
