import { describe, expect, it } from '@jest/globals';
import { ACCESS_RULE } from '../../apps/engine/src/auth/access.decorators.js';
import type { AccessRule } from '../../apps/engine/src/auth/access-rule.js';
import { ExperimentMigrationController } from '../../apps/engine/src/instances/experiment-migration.controller.js';
import { ExperimentsController } from '../../apps/engine/src/experiments/experiments.controller.js';
import type { ExperimentView } from '../../apps/web/src/api/experiments-types.js';
import { experimentName } from '../../apps/web/src/insights/experiments/experiment-name.js';
import {
  armOperations,
  changedText,
  experimentOperations,
  migrationText,
  mayOperate,
  OPERATION_ROLES,
  type ExperimentOperation,
} from '../../apps/web/src/insights/experiments/experiment-operations.js';

/** The endpoint behind each button. */
const ENDPOINTS: Record<ExperimentOperation, [controller: { prototype: object }, method: string]> = {
  start: [ExperimentsController, 'start'],
  pause: [ExperimentsController, 'pause'],
  resume: [ExperimentsController, 'resume'],
  stop: [ExperimentsController, 'stop'],
  promote: [ExperimentsController, 'promote'],
  pauseArm: [ExperimentsController, 'pauseArm'],
  resumeArm: [ExperimentsController, 'resumeArm'],
  migrateDryRun: [ExperimentMigrationController, 'migrateRunning'],
};

/** The rule the AccessGuard applies: the handler's, else its controller's. */
const ruleOf = ([controller, method]: [{ prototype: object }, string]): AccessRule | undefined =>
  (Reflect.getMetadata(ACCESS_RULE, (controller.prototype as Record<string, object>)[method]) as AccessRule | undefined) ??
  (Reflect.getMetadata(ACCESS_RULE, controller) as AccessRule | undefined);

const view = (state: ExperimentView['state'], paused = false): ExperimentView =>
  ({
    id: 'e1',
    processKey: 'customer-service',
    state,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 1 },
      { id: 'to-be', role: 'candidate', processVersionId: 'v2', weight: 1, paused },
    ],
  }) as ExperimentView;

describe('the operations the experiment dashboard offers', () => {
  it.each(Object.keys(ENDPOINTS))('offers %s to exactly the roles its endpoint declares', (operation) => {
    // given
    const rule = ruleOf(ENDPOINTS[operation as ExperimentOperation]);

    // then
    expect(rule).toEqual({ kind: 'roles', roles: OPERATION_ROLES[operation as ExperimentOperation] });
  });

  it('lets admins and analysts steer, designers (not analysts) migrate running cases, and keeps agents out', () => {
    expect(mayOperate(['admin'], 'stop')).toBe(true);
    expect(mayOperate(['admin'], 'migrateDryRun')).toBe(true);
    expect(mayOperate(['designer'], 'migrateDryRun')).toBe(true);
    expect(mayOperate(['analyst'], 'migrateDryRun')).toBe(false);
    expect(experimentOperations('promoted', ['designer'])).toEqual(['migrateDryRun']);
    expect(mayOperate(['designer', 'agent'], 'start')).toBe(false);
    expect(experimentOperations('running', ['designer'])).toEqual([]);
    expect(armOperations('running', { role: 'candidate', paused: false }, ['agent'])).toEqual([]);
  });

  it('offers what the state allows: start a draft, pause or stop a running one, nothing more to an analyst once promoted', () => {
    // given
    const analyst = ['analyst'];

    // then
    expect(experimentOperations('draft', analyst)).toEqual(['start']);
    expect(experimentOperations('running', analyst)).toEqual(['pause', 'stop']);
    expect(experimentOperations('paused', analyst)).toEqual(['resume', 'stop']);
    expect(experimentOperations('promoted', analyst)).toEqual([]);
    expect(experimentOperations('stopped', analyst)).toEqual([]);
    expect(armOperations('running', { role: 'candidate', paused: false }, analyst)).toEqual(['pauseArm', 'promote']);
    expect(armOperations('paused', { role: 'candidate', paused: true }, analyst)).toEqual(['resumeArm', 'promote']);
    expect(armOperations('running', { role: 'baseline' }, analyst)).toEqual(['promote']);
    expect(armOperations('draft', { role: 'candidate' }, analyst)).toEqual([]);
  });

  it("words the API's answer as what changed", () => {
    expect(changedText('stop', view('running'), view('stopped'))).toBe('Stopped: the experiment is stopped (running → stopped).');
    expect(changedText('pauseArm', view('running'), view('running', true), 'to-be')).toBe('Arm to-be paused: its new cases go to the baseline (experiment still running).');
    expect(changedText('promote', view('running'), { ...view('promoted'), winnerArmId: 'to-be' }, 'to-be')).toBe('Promoted to-be: every new case goes to it (running → promoted).');
    expect(
      migrationText({
        experimentId: 'e1',
        winnerArmId: 'to-be',
        dryRun: true,
        arms: [
          {
            armId: 'as-is',
            sourceProcessVersionId: 'v1',
            targetProcessVersionId: 'v2',
            dryRun: true,
            migrated: 2,
            failed: 1,
            results: [{ instanceId: 'i3', status: 'failed', error: { code: 'MIGRATION_ELEMENT_UNMAPPED', message: 'Task_RekeyIntoCrm is not on v2' } }],
          },
        ],
      }),
    ).toBe('Dry run, nothing was moved: arm as-is: 2 running cases could move to to-be, 1 could not (MIGRATION_ELEMENT_UNMAPPED: Task_RekeyIntoCrm is not on v2).');
  });

  it('names an experiment by its process and arms, not by its id', () => {
    // given
    const versions = new Map([
      ['v1', { key: 'customer-service', name: 'Customer service', version: 1 }],
      ['v2', { key: 'customer-service', name: 'Customer service', version: 2 }],
    ]);

    // when
    const named = experimentName(view('running'), (id) => versions.get(id));
    const unknown = experimentName(view('running'), () => undefined);

    // then
    expect(named).toBe('Customer service: to-be v2 vs as-is v1');
    expect(unknown).toBe('customer-service: to-be vs as-is');
  });
});
