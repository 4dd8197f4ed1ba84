import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { deployDirectory } from '../../apps/engine/src/definitions/deploy-directory.js';
import { DefinitionsService } from '../../apps/engine/src/definitions/definitions.service.js';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, type TestApp } from './support/test-app.js';

const PROCESSES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'processes');

interface Activity {
  id: string;
  elementId: string;
  elementType: string;
}

interface InstanceBody {
  id: string;
  status: string;
  version: number;
  activities: Activity[];
  timers: Array<{ activityInstanceId: string; dueAt: string }>;
}

interface Step {
  elementId: string;
  elementType: string;
  laneId: string | null;
  readyAt: string | null;
  claimedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
  actor: string | null;
}

/** Example case C of processes/README.md: a complaint above 3,000 that needs an expert. */
const EXPERT_COMPLAINT = {
  start: { category: 'complaint', customerTier: 'gold', amount: 4500 },
  completions: {
    Task_FirstLineDiagnosis: { resolvedByFirstLine: false, escalationReason: 'defect claim above first-line limit' },
    Task_SecondLineDiagnosis: { needsExpert: true },
    Task_ExpertAnalysis: { amount: 4500 },
  } as Record<string, object>,
};

const WORKER_TOPICS = ['crm-sync', 'send-reminder', 'send-survey'];

describe('the reference customer-service processes over HTTP', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const instance = async (id: string) => (await http().get(`/api/instances/${id}`)).body as InstanceBody;

  /**
   * Works a case like its agents and workers would: each waiting task is claimed after 5 minutes
   * and completed 10 minutes later, workers take their tasks, and the clock jumps to a timer only
   * when nothing else waits (the job runner fires it).
   */
  const workToTheEnd = async (instanceId: string, completions: Record<string, object>) => {
    for (let moves = 0; ; moves += 1) {
      const current = await instance(instanceId);
      if (current.status !== 'active') return current;
      if (moves > 60) throw new Error(`The case does not end; it waits at ${current.activities.map((a) => a.elementId)}`);
      const activity = current.activities.find((candidate) => candidate.elementType !== 'intermediateCatchEvent');
      if (activity?.elementType === 'userTask') {
        sut.clock.advance(5 * MINUTE);
        await http().post(`/api/tasks/${activity.id}/claim`).send({ userId: 'agent', start: true }).expect(200);
        sut.clock.advance(10 * MINUTE);
        await http()
          .post(`/api/tasks/${activity.id}/complete`)
          .send({ userId: 'agent', variables: completions[activity.elementId] ?? {} })
          .expect(200);
      } else if (activity?.elementType === 'serviceTask') {
        const fetched = await http()
          .post('/api/external-tasks/fetch-and-lock')
          .send({ workerId: 'worker', maxTasks: 10, topics: WORKER_TOPICS.map((name) => ({ name, lockDurationMs: MINUTE })) })
          .expect(200);
        for (const task of fetched.body as Array<{ id: string }>) {
          await http().post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'worker' }).expect(200);
        }
      } else {
        const [timer] = current.timers;
        sut.clock.advance(Date.parse(timer.dueAt) - sut.clock.now().getTime());
        await eventually(
          () => instance(instanceId),
          (body) => !body.timers.some((candidate) => candidate.activityInstanceId === timer.activityInstanceId),
        );
      }
    }
  };

  const completedActivities = (ledger: Step[]) =>
    ledger
      .filter((step) => ['userTask', 'serviceTask'].includes(step.elementType) && step.completedAt !== null)
      .map((step) => step.elementId)
      .sort();

  const expectConsistentLedger = (ledger: Step[]) => {
    for (const step of ledger) {
      expect(step.readyAt).not.toBeNull();
      expect([step.completedAt, step.canceledAt].filter((at) => at !== null)).toHaveLength(1);
      const times = [step.readyAt, step.claimedAt, step.startedAt, step.completedAt ?? step.canceledAt].filter((at): at is string => at !== null).map(Date.parse);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      if (['userTask', 'serviceTask'].includes(step.elementType)) {
        expect(step.laneId).not.toBeNull();
        expect(step.actor).not.toBeNull();
      }
    }
  };

  const runExpertComplaint = async () => {
    const started = await http().post('/api/processes/customer-service/instances').send({ businessKey: 'complaint-1', variables: EXPERT_COMPLAINT.start }).expect(201);
    const ended = await workToTheEnd(started.body.id, EXPERT_COMPLAINT.completions);
    const ledger = (await http().get(`/api/instances/${ended.id}/steps`)).body as Step[];
    return { ended, ledger };
  };

  it('runs a complaint through every hand-off, verification and approval of the as-is process', async () => {
    // given only the as-is model is deployed
    const asIs = await deploy(sut.server, await readFile(join(PROCESSES, 'customer-service', 'as-is.bpmn'), 'utf8'));
    expect(asIs.version).toBe(1);
    // when the expert complaint of the README is worked to the end
    const { ended, ledger } = await runExpertComplaint();
    // then it ended normally on the as-is, through the 16 activities the README lists (8 of them NVA)
    expect(ended).toEqual(expect.objectContaining({ status: 'completed', version: 1 }));
    expect(completedActivities(ledger)).toEqual(
      [
        'Task_LogRequest',
        'Task_RekeyIntoCrm',
        'Task_FirstLineDiagnosis',
        'Task_HandOffNote',
        'Task_SecondLineDiagnosis',
        'Task_BriefExperts',
        'Task_ExpertAnalysis',
        'Task_ReturnToFirstLine',
        'Task_VerifyComplaint',
        'Task_ReverifySecondLine',
        'Task_ReverifyExperts',
        'Task_TeamLeadApproval',
        'Task_DepartmentApproval',
        'Task_DeliverSolution',
        'Task_UpdateCrm',
        'Task_SurveyCall',
      ].sort(),
    );
    // and every step of the ledger is timed consistently, each activity with its lane and actor
    expectConsistentLedger(ledger);
    const wait = ledger.find((step) => step.elementId === 'Timer_Wait3Days')!;
    expect(Date.parse(wait.completedAt!) - Date.parse(wait.readyAt!)).toBe(3 * 24 * 60 * MINUTE);
  });

  it('runs the same complaint through the redesigned to-be process, deployed as version 2', async () => {
    // given the to-be is deployed over the as-is
    const toBe = await deploy(sut.server, await readFile(join(PROCESSES, 'customer-service', 'to-be.bpmn'), 'utf8'));
    expect(toBe.version).toBe(2);
    // when the same complaint is worked to the end
    const { ended, ledger } = await runExpertComplaint();
    // then it ran on the to-be: escalated with a reason, verified once, approved once, synced by workers
    expect(ended).toEqual(expect.objectContaining({ status: 'completed', version: 2 }));
    expect(completedActivities(ledger)).toEqual(
      [
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
      ].sort(),
    );
    expectConsistentLedger(ledger);
    expect(ledger.find((step) => step.elementId === 'Task_SyncRequestToCrm')).toEqual(expect.objectContaining({ laneId: expect.any(String), actor: 'worker' }));
  });

  it('deploys the whole processes directory at start without making new versions of unchanged files', async () => {
    // given both reference models are deployed (as by the tests above, or a previous start)
    const definitions = sut.app.get(DefinitionsService);
    const errors: unknown[] = [];
    const logger: LoggerService = { log: () => undefined, warn: (message) => errors.push(message), error: (message) => errors.push(message) };
    await deployDirectory(definitions, PROCESSES, logger);
    const before = (await http().get('/api/process-versions').query({ key: 'customer-service' })).body;
    // when the engine starts again and deploys the directory once more
    await deployDirectory(definitions, PROCESSES, logger);
    // then every file deployed cleanly, and the versions are the same two, the to-be the latest, each with its own name and tagged by its file name
    expect(errors).toEqual([]);
    const after = (await http().get('/api/process-versions').query({ key: 'customer-service' })).body;
    expect(after).toEqual(before);
    expect(after.map((version: { version: number; name: string; tag: string | null }) => [version.version, version.name, version.tag])).toEqual([
      [2, 'Customer service (to-be)', 'to-be'],
      [1, 'Customer service (as-is)', 'as-is'],
    ]);
  });
});
