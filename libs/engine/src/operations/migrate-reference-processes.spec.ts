import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadBpmn, type ProcessGraph } from '#bpmn';
import { execute } from '../execute.js';
import type { EngineResult } from '../model/commands.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';
import { migrateInstance, type MigrationOutcome } from './migrate-instance.js';
import type { ElementMapping } from './migration-mapping.js';

/**
 * Promoting the redesign: cases running on the as-is customer-service process
 * (processes/customer-service) move to the to-be. Steps both models share keep their ids and
 * migrate as they are; the steps the redesign removed (re-keying, the hand-off note, the manual
 * CRM update, the survey call) cannot, until a mapping says where their cases go.
 */
let asIs: ProcessGraph;
let toBe: ProcessGraph;

beforeAll(async () => {
  const load = async (file: string) => (await loadBpmn(readFileSync(new URL(`../../../../processes/customer-service/${file}`, import.meta.url), 'utf8'))).processes[0];
  [asIs, toBe] = await Promise.all([load('as-is.bpmn'), load('to-be.bpmn')]);
});

/** An as-is case: a simple inquiry the first line resolves, or one it cannot resolve. */
const inquiry = { category: 'inquiry', customerTier: 'gold', amount: 0 };

const asIsCase = (...steps: Array<(sut: Scenario) => void>): Scenario => {
  const sut = Scenario.forGraph(asIs);
  sut.start(inquiry);
  for (const step of steps) step(sut);
  return sut;
};

const complete =
  (elementId: string, variables = {}) =>
  (sut: Scenario) =>
    void sut.complete(elementId, variables);
const toFirstLineDiagnosis = [complete('Task_LogRequest'), complete('Task_RekeyIntoCrm')];
const toFollowUp = [...toFirstLineDiagnosis, complete('Task_FirstLineDiagnosis', { resolvedByFirstLine: true }), complete('Task_DeliverSolution')];

const promote = (sut: Scenario, mapping?: ElementMapping): MigrationOutcome =>
  migrateInstance(sut.state, { source: asIs, target: toBe, targetProcessVersionId: 'to-be', ...(mapping && { mapping }), actor: 'lead' }, sut.ports);

const migrated = (outcome: MigrationOutcome): EngineResult => {
  if ('problems' in outcome) throw new Error(`The migration was refused: ${JSON.stringify(outcome.problems, null, 2)}`);
  return outcome.result;
};

const refusedAt = (outcome: MigrationOutcome) => ('problems' in outcome ? outcome.problems.map(({ elementId, rule }) => `${elementId}:${rule}`) : []);

describe('migrating as-is customer-service cases to the to-be', () => {
  it('moves a case waiting to be logged, which then takes the to-be path (CRM sync instead of re-keying)', () => {
    // given a request just received
    const sut = asIsCase();
    const log = sut.waiting('Task_LogRequest');

    // when it is promoted
    const { state, steps, effects } = migrated(promote(sut));

    // then the log task is the same task under its to-be name, and logging it starts the CRM sync
    expect(state.activities).toEqual([log]);
    expect(trail(steps)).toEqual(['Task_LogRequest:migrated']);
    expect(effectsOf(effects, 'instanceMigrated')[0].activities).toEqual([
      { id: log.id, elementId: 'Task_LogRequest', name: 'Log and classify request', laneId: expect.any(String) },
    ]);
    const logged = execute(toBe, state, { type: 'completeTask', activityInstanceId: log.id }, sut.ports);
    expect(waitingAt(logged.state)).toEqual(['Task_SyncRequestToCrm']);
  });

  it('keeps the 4-hour SLA timer of a first-line diagnosis under way', () => {
    // given a diagnosis two hours in
    const sut = asIsCase(...toFirstLineDiagnosis, (s) => s.clock.advance('PT2H'));
    const sla = sut.timer('Boundary_SlaEscalation');

    // when it is promoted
    const { state } = migrated(promote(sut));

    // then the SLA still breaches 4 hours after the diagnosis became ready, not after the migration
    expect(waitingAt(state)).toEqual(['Task_FirstLineDiagnosis']);
    expect(state.timers).toEqual([sla]);
  });

  it('refuses a case at a step the redesign removed, naming it; a mapping sends it to the step that replaces it', () => {
    // given a case waiting for re-keying into the CRM
    const sut = asIsCase(complete('Task_LogRequest'));

    // when it is promoted as it is, then the re-keying step is named
    expect(promote(sut)).toEqual(
      expect.objectContaining({
        code: ENGINE_ERRORS.migrationElementUnmapped,
        problems: [expect.objectContaining({ elementId: 'Task_RekeyIntoCrm', rule: 'element-unmapped', activityInstanceId: sut.waiting('Task_RekeyIntoCrm').id })],
      }),
    );
    // and the automated CRM sync is no place for a human task
    expect(promote(sut, { Task_RekeyIntoCrm: 'Task_SyncRequestToCrm' })).toEqual(
      expect.objectContaining({ code: ENGINE_ERRORS.migrationMappingInvalid, problems: [expect.objectContaining({ rule: 'element-kind' })] }),
    );
    // but mapped to the diagnosis, it waits there, under the diagnosis's SLA timer from now on
    sut.clock.advance('PT1H');
    const { state } = migrated(promote(sut, { Task_RekeyIntoCrm: 'Task_FirstLineDiagnosis' }));
    expect(waitingAt(state)).toEqual(['Task_FirstLineDiagnosis']);
    expect(state.timers).toEqual([expect.objectContaining({ elementId: 'Boundary_SlaEscalation', dueAt: '2026-03-02T14:00:00.000Z' })]);
  });

  it('sends a case waiting for a hand-off note straight to the second line, with its 8-hour reminder', () => {
    // given a case the first line could not resolve
    const sut = asIsCase(...toFirstLineDiagnosis, complete('Task_FirstLineDiagnosis', { resolvedByFirstLine: false }));
    expect(refusedAt(promote(sut))).toEqual(['Task_HandOffNote:element-unmapped']);

    // when it is promoted with the hand-off note mapped to the second-line diagnosis
    const { state } = migrated(promote(sut, { Task_HandOffNote: 'Task_SecondLineDiagnosis' }));

    // then the second line has it, and the reminder runs
    expect(waitingAt(state)).toEqual(['Task_SecondLineDiagnosis']);
    expect(state.timers).toEqual([expect.objectContaining({ elementId: 'Boundary_Reminder', dueAt: '2026-03-02T17:00:00.000Z' })]);
  });

  it('refuses a case in the follow-up while the manual CRM update waits: it has no human counterpart', () => {
    // given a delivered case: the CRM update and the 3-day wait run side by side
    const sut = asIsCase(...toFollowUp);
    expect(waitingAt(sut.state).sort()).toEqual(['Task_UpdateCrm', 'Timer_Wait3Days']);

    // when it is promoted, with or without mapping the update to the automated sync
    // then the update is named each time, and the 3-day wait is no problem
    expect(refusedAt(promote(sut))).toEqual(['Task_UpdateCrm:element-unmapped']);
    expect(refusedAt(promote(sut, { Task_UpdateCrm: 'Task_SyncOutcomeToCrm' }))).toEqual(['Task_UpdateCrm:element-kind']);
  });

  it('moves a case at the survey call to the personal follow-up once the join arrival is mapped too, and closes it', () => {
    // given a case whose CRM update is done (waiting at the join) and whose survey call waits
    const sut = asIsCase(...toFollowUp, complete('Task_UpdateCrm'), (s) => {
      s.clock.advance('P3D');
      s.fire('Timer_Wait3Days');
    });
    expect(waitingAt(sut.state)).toEqual(['Task_SurveyCall']);
    expect(refusedAt(promote(sut))).toEqual(['Task_SurveyCall:element-unmapped', 'Flow_CrmUpdated:join-unmapped']);

    // when the survey call goes to the personal follow-up and the CRM update's arrival to the outcome sync's
    const { state } = migrated(promote(sut, { Task_SurveyCall: 'Task_PersonalFollowUp', Flow_CrmUpdated: 'Flow_OutcomeSynced' }));

    // then completing the follow-up closes the case on the to-be
    expect(state.joins).toEqual({ Gateway_FollowUpJoin: ['Flow_OutcomeSynced'] });
    const followedUp = execute(toBe, state, { type: 'completeTask', activityInstanceId: state.activities[0].id }, sut.ports);
    expect(followedUp.state.status).toBe('completed');
    expect(trail(followedUp.steps)).toContain('End_CaseClosed:completed');
  });
});
