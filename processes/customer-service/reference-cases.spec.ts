import { readFileSync } from 'node:fs';
import { loadBpmn, type ProcessGraph } from '#bpmn';
import { execute, startInstance, type ActivityInstance, type Command, type EnginePorts, type InstanceState, type StepEvent, type Variables } from '#engine';

/**
 * The example cases of processes/README.md, run through the real engine on both reference models:
 * the paths, NVA counts and standard minutes the README states are what a case actually does.
 */

interface ReferenceCase {
  start: Variables;
  /** Variables each user task is completed with; a list is used one entry per visit. */
  completions: Record<string, Variables | Variables[]>;
  /** Tasks left waiting until their interrupting boundary timer fires. */
  timeouts?: string[];
  /** Tasks whose non-interrupting boundary timer fires once before they are completed. */
  reminders?: string[];
}

interface CaseRun {
  state: InstanceState;
  /** Element ids of the activities (user and service tasks) completed, sorted. */
  completed: string[];
  canceled: string[];
  nva: number;
  standardMinutes: number;
}

const graphs: Record<string, ProcessGraph> = {};

beforeAll(async () => {
  for (const file of ['as-is.bpmn', 'to-be.bpmn']) {
    const { processes } = await loadBpmn(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));
    graphs[file] = processes[0];
  }
});

/** Plays a case like its agents and workers would: every waiting item in turn, until the instance ends. */
function runCase(graph: ProcessGraph, referenceCase: ReferenceCase): CaseRun {
  let count = 0;
  const ports: EnginePorts = {
    clock: { now: () => new Date('2026-03-02T09:00:00.000Z') },
    ids: { next: () => `id-${++count}` },
  };
  const visits = new Map<string, number>();
  const reminded = new Set<string>();
  let result = startInstance(graph, { type: 'start', instanceId: 'case-1', processVersionId: 'v1', variables: referenceCase.start }, ports);
  const steps: StepEvent[] = [...result.steps];

  const variablesFor = (elementId: string): Variables => {
    const given = referenceCase.completions[elementId] ?? {};
    if (!Array.isArray(given)) return given;
    const visit = visits.get(elementId) ?? 0;
    visits.set(elementId, visit + 1);
    return given[Math.min(visit, given.length - 1)];
  };
  const boundaryTimer = (state: InstanceState, activity: ActivityInstance, interrupting: boolean) => {
    const timer = state.timers.find((candidate) => {
      const node = graph.nodes[candidate.elementId];
      return candidate.activityInstanceId === activity.id && node.type === 'boundaryEvent' && node.cancelActivity === interrupting;
    });
    if (!timer) throw new Error(`No ${interrupting ? '' : 'non-'}interrupting timer on '${activity.elementId}'.`);
    return timer.id;
  };
  const nextCommand = (state: InstanceState, activity: ActivityInstance): Command => {
    const { elementId, elementType, id } = activity;
    if (referenceCase.timeouts?.includes(elementId)) {
      return { type: 'fireTimer', timerId: boundaryTimer(state, activity, true) };
    }
    if (referenceCase.reminders?.includes(elementId) && !reminded.has(elementId)) {
      reminded.add(elementId);
      return { type: 'fireTimer', timerId: boundaryTimer(state, activity, false) };
    }
    if (elementType === 'userTask') return { type: 'completeTask', activityInstanceId: id, actor: 'agent', variables: variablesFor(elementId) };
    if (elementType === 'serviceTask') return { type: 'completeExternalTask', activityInstanceId: id, workerId: 'worker' };
    const timer = state.timers.find((candidate) => candidate.activityInstanceId === id);
    if (!timer) throw new Error(`Nothing can move '${elementId}'.`);
    return { type: 'fireTimer', timerId: timer.id };
  };

  for (let moves = 0; result.state.status === 'active'; moves += 1) {
    if (moves > 60) throw new Error(`The case does not end; it waits at ${result.state.activities.map((a) => a.elementId)}.`);
    result = execute(graph, result.state, nextCommand(result.state, result.state.activities[0]), ports);
    steps.push(...result.steps);
  }

  const activityIds = (type: 'completed' | 'canceled') =>
    steps
      .filter((step) => step.type === type && (step.elementType === 'userTask' || step.elementType === 'serviceTask'))
      .map((step) => step.elementId)
      .sort();
  const completed = activityIds('completed');
  const lean = completed.map((id) => graph.nodes[id].lean);
  return {
    state: result.state,
    completed,
    canceled: activityIds('canceled'),
    nva: lean.filter(({ valueClass }) => valueClass === 'NVA').length,
    standardMinutes: lean.reduce((sum, { standardMinutes }) => sum + (standardMinutes ?? 0), 0),
  };
}

const sorted = (ids: string[]) => [...ids].sort();

const SIMPLE_INQUIRY: ReferenceCase = {
  start: { category: 'inquiry', customerTier: 'standard', amount: 0 },
  completions: { Task_FirstLineDiagnosis: { resolvedByFirstLine: true, escalationReason: '' } },
};

const GOLD_REFUND: ReferenceCase = {
  start: { category: 'transactional', customerTier: 'gold', amount: 800 },
  completions: { Task_FirstLineDiagnosis: { resolvedByFirstLine: true, escalationReason: '' } },
};

const EXPERT_COMPLAINT: ReferenceCase = {
  start: { category: 'complaint', customerTier: 'gold', amount: 4500 },
  completions: {
    Task_FirstLineDiagnosis: { resolvedByFirstLine: false, escalationReason: 'defect claim above first-line limit' },
    Task_SecondLineDiagnosis: { needsExpert: true },
    Task_ExpertAnalysis: { amount: 4500 },
  },
};

const MISSED_SLA: ReferenceCase = {
  start: { category: 'transactional', customerTier: 'standard', amount: 1200 },
  completions: { Task_SecondLineDiagnosis: { needsExpert: false } },
  timeouts: ['Task_FirstLineDiagnosis'],
};

describe('the README example cases on the as-is process', () => {
  const run = (referenceCase: ReferenceCase) => runCase(graphs['as-is.bpmn'], referenceCase);

  it('A: a simple inquiry solved by the first line still passes two NVA steps', () => {
    // given a simple inquiry the first line resolves; when it is worked to the end
    const sut = run(SIMPLE_INQUIRY);
    // then it re-keys the request and the outcome into the CRM, and the case is closed
    expect(sut.completed).toEqual(sorted(['Task_LogRequest', 'Task_RekeyIntoCrm', 'Task_FirstLineDiagnosis', 'Task_DeliverSolution', 'Task_UpdateCrm', 'Task_SurveyCall']));
    expect([sut.nva, sut.standardMinutes]).toEqual([2, 48]);
    expect(sut.state.status).toBe('completed');
  });

  it('B: a refund of 800 needs team-lead approval even when the first line solved it', () => {
    // given a gold customer's refund of 800 the first line resolves; when it is worked to the end
    const sut = run(GOLD_REFUND);
    // then a team lead approves it, but no department approval is needed
    expect(sut.completed).toContain('Task_TeamLeadApproval');
    expect(sut.completed).not.toContain('Task_DepartmentApproval');
    expect([sut.completed.length, sut.nva, sut.standardMinutes]).toEqual([7, 3, 58]);
  });

  it('C: a complaint above 3,000 needing an expert passes every hand-off, verification and approval', () => {
    // given a complaint of 4,500 that goes to the expert group; when it is worked to the end
    const sut = run(EXPERT_COMPLAINT);
    // then it does every activity of the model but the reminder
    const everyActivity = Object.values(graphs['as-is.bpmn'].nodes)
      .filter((node) => node.type === 'userTask' || node.type === 'serviceTask')
      .map((node) => node.id);
    expect(sut.completed).toEqual(sorted(everyActivity.filter((id) => id !== 'Task_SendReminder')));
    expect([sut.completed.length, sut.nva, sut.standardMinutes]).toEqual([16, 8, 191]);
  });

  it('D: a first line that misses the 4 h SLA hands the case to the second line', () => {
    // given a transaction nobody diagnoses within 4 h; when the SLA timer fires and the case is worked to the end
    const sut = run(MISSED_SLA);
    // then the diagnosis is canceled and the case goes through the hand-off note and back
    expect(sut.canceled).toEqual(['Task_FirstLineDiagnosis']);
    expect(sut.completed).toEqual(
      sorted([
        'Task_LogRequest',
        'Task_RekeyIntoCrm',
        'Task_HandOffNote',
        'Task_SecondLineDiagnosis',
        'Task_ReturnToFirstLine',
        'Task_TeamLeadApproval',
        'Task_DeliverSolution',
        'Task_UpdateCrm',
        'Task_SurveyCall',
      ]),
    );
    expect(sut.nva).toBe(5);
  });
});

describe('the README example cases on the to-be process', () => {
  const run = (referenceCase: ReferenceCase) => runCase(graphs['to-be.bpmn'], referenceCase);

  it('A: a simple inquiry is logged once, synced by a worker and surveyed automatically', () => {
    // given a simple inquiry the first line resolves; when it is worked to the end
    const sut = run(SIMPLE_INQUIRY);
    // then only three human steps remain and none is NVA
    expect(sut.completed).toEqual(
      sorted(['Task_LogRequest', 'Task_SyncRequestToCrm', 'Task_FirstLineDiagnosis', 'Task_DeliverSolution', 'Task_SyncOutcomeToCrm', 'Task_SendSurvey']),
    );
    expect([sut.nva, sut.standardMinutes]).toEqual([0, 23]);
    expect(sut.state.status).toBe('completed');
  });

  it('B: the first line settles a refund of 800 without approval and a gold customer gets a call', () => {
    // given a gold customer's refund of 800 the first line resolves; when it is worked to the end
    const sut = run(GOLD_REFUND);
    // then nobody approves it and the follow-up is personal
    expect(sut.completed).not.toContain('Task_ApproveAboveLimit');
    expect(sut.completed).toContain('Task_PersonalFollowUp');
    expect(sut.completed).not.toContain('Task_SendSurvey');
    expect([sut.completed.length, sut.nva, sut.standardMinutes]).toEqual([6, 0, 33]);
  });

  it('C: a complaint above 3,000 is escalated with a reason, verified once and approved once', () => {
    // given a complaint of 4,500 that goes to the expert group; when it is worked to the end
    const sut = run(EXPERT_COMPLAINT);
    // then it takes the expert path with one verification and one approval, and no NVA step
    expect(sut.completed).toEqual(
      sorted([
        'Task_LogRequest',
        'Task_SyncRequestToCrm',
        'Task_FirstLineDiagnosis',
        'Task_SecondLineDiagnosis',
        'Task_ExpertAnalysis',
        'Task_VerifyComplaint',
        'Task_ApproveAboveLimit',
        'Task_DeliverSolution',
        'Task_SyncOutcomeToCrm',
        'Task_PersonalFollowUp',
      ]),
    );
    expect([sut.nva, sut.standardMinutes]).toEqual([0, 118]);
  });

  it('D: a first line that misses the 4 h SLA escalates straight to the second line', () => {
    // given a transaction nobody diagnoses within 4 h; when the SLA timer fires and the case is worked to the end
    const sut = run(MISSED_SLA);
    // then the second line diagnoses and the first line delivers the 1,200 without approval
    expect(sut.canceled).toEqual(['Task_FirstLineDiagnosis']);
    expect(sut.completed).toEqual(
      sorted(['Task_LogRequest', 'Task_SyncRequestToCrm', 'Task_SecondLineDiagnosis', 'Task_DeliverSolution', 'Task_SyncOutcomeToCrm', 'Task_SendSurvey']),
    );
  });

  it('sends an escalation without a reason back to the knowledge-base diagnosis', () => {
    // given a first line that first neither resolves nor gives a reason, then resolves
    const sut = run({
      ...SIMPLE_INQUIRY,
      completions: {
        Task_FirstLineDiagnosis: [
          { resolvedByFirstLine: false, escalationReason: '' },
          { resolvedByFirstLine: true, escalationReason: '' },
        ],
      },
    });
    // then the diagnosis is done twice and the second line never sees the case
    expect(sut.completed.filter((id) => id === 'Task_FirstLineDiagnosis')).toHaveLength(2);
    expect(sut.completed).not.toContain('Task_SecondLineDiagnosis');
  });

  it('reminds a second line that keeps a case waiting, and still closes the case', () => {
    // given the expert complaint whose second-line diagnosis waits past 8 h
    const sut = run({ ...EXPERT_COMPLAINT, reminders: ['Task_SecondLineDiagnosis'] });
    // then the reminder is sent, the diagnosis carries on, and the reminder is the one NVA step
    expect(sut.completed).toEqual(expect.arrayContaining(['Task_SendReminder', 'Task_SecondLineDiagnosis']));
    expect(sut.nva).toBe(1);
    expect(sut.state.status).toBe('completed');
  });
});
