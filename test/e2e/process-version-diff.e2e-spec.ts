import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { projectRoot } from '../../bench/support/engine-process.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

const reference = (file: string) => readFile(join(projectRoot(), 'processes/customer-service', file), 'utf8');

/**
 * The NVA steps of the reference as-is process, counted by hand from as-is.bpmn (tandem:valueClass="NVA",
 * tandem:standardMinutes): 9 steps, 6 + 8 + 0 + 10 + 5 + 10 + 10 + 10 + 5 = 64 minutes.
 */
const AS_IS_NVA = {
  Task_RekeyIntoCrm: 6,
  Task_HandOffNote: 8,
  Task_SendReminder: 0,
  Task_BriefExperts: 10,
  Task_ReturnToFirstLine: 5,
  Task_ReverifySecondLine: 10,
  Task_ReverifyExperts: 10,
  Task_TeamLeadApproval: 10,
  Task_UpdateCrm: 5,
};
/** The to-be keeps one NVA step: the automatic reminder, 0 minutes of anyone's work. */
const TO_BE_NVA = { Task_SendReminder: 0 };

describe('GET /api/process-versions/{before}/diff/{after}', () => {
  let sut: TestApp;
  let asIs: { id: string };
  let toBe: { id: string };

  beforeAll(async () => {
    sut = await createTestApp();
    asIs = await deploy(sut.server, await reference('as-is.bpmn'));
    toBe = await deploy(sut.server, await reference('to-be.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const diff = (before: string, after: string) => request(sut.server).get(`/api/process-versions/${before}/diff/${after}`);

  it('answers the NVA figures of the as-is and the to-be, matching the hand count', async () => {
    // given the as-is (version 1) and the to-be (version 2) of customer-service
    // when they are diffed
    const response = await diff(asIs.id, toBe.id);
    // then the figures are those counted by hand from the XML
    expect(response.status).toBe(200);
    expect(response.body.before).toMatchObject({ id: asIs.id, key: 'customer-service', version: 1, name: 'Customer service (as-is)' });
    expect(response.body.after).toMatchObject({ id: toBe.id, key: 'customer-service', version: 2, name: 'Customer service (to-be)' });
    const sum = (minutes: Record<string, number>) => Object.values(minutes).reduce((total, value) => total + value, 0);
    expect(response.body.values.before).toMatchObject({ nvaSteps: Object.keys(AS_IS_NVA).length, nvaMinutes: sum(AS_IS_NVA) });
    expect(response.body.values.before).toMatchObject({ nvaSteps: 9, nvaMinutes: 64, counts: { VA: 4, BVA: 4, NVA: 9 }, unclassified: 0 });
    expect(response.body.values.after).toMatchObject({ nvaSteps: 1, nvaMinutes: sum(TO_BE_NVA), counts: { VA: 5, BVA: 6, NVA: 1 } });
    expect(response.body.values.delta).toEqual({ nvaSteps: -8, nvaMinutes: -64, VA: 1, BVA: 2, unclassified: 0 });
  });

  it('lists the removed NVA steps, the added ones and the changed properties', async () => {
    // when the as-is is diffed against the to-be
    const { body } = await diff(asIs.id, toBe.id);
    // then every NVA step but the reminder is gone, with its class
    const removedNva = body.removed.filter((element: { valueClass?: string }) => element.valueClass === 'NVA').map((element: { id: string }) => element.id);
    expect(removedNva.sort()).toEqual(
      Object.keys(AS_IS_NVA)
        .filter((id) => !(id in TO_BE_NVA))
        .sort(),
    );
    expect(body.valueClassChanges).toContainEqual({ id: 'Task_HandOffNote', name: 'Write hand-off note for second line', element: 'removed', before: 'NVA', after: null });
    // and the automatic CRM sync replaces the re-keying
    expect(body.added).toContainEqual({ id: 'Task_SyncRequestToCrm', kind: 'flowNode', type: 'serviceTask', name: 'Sync request to CRM', valueClass: 'BVA' });
    // and kept steps name what changed in them
    expect(body.changed).toContainEqual(
      expect.objectContaining({
        id: 'Task_FirstLineDiagnosis',
        // its embedded form gained the knowledge-base article field, too
        changes: [
          expect.objectContaining({ property: 'form.components' }),
          { property: 'name', before: 'First-line diagnosis', after: 'Knowledge-base-first diagnosis' },
          { property: 'standardMinutes', before: 12, after: 8 },
        ],
      }),
    );
    expect(body.changed.map((element: { id: string }) => element.id)).not.toContain('Task_SecondLineDiagnosis');
  });

  it('answers the reverse diff with the figures negated', async () => {
    // when the to-be is diffed against the as-is
    const { body } = await diff(toBe.id, asIs.id).expect(200);
    // then what was removed is added, and the NVA figures grow by as much
    expect(body.values.delta).toEqual({ nvaSteps: 8, nvaMinutes: 64, VA: -1, BVA: -2, unclassified: 0 });
    expect(body.added.map((element: { id: string }) => element.id)).toContain('Task_RekeyIntoCrm');
  });

  it('answers 404 PROCESS_VERSION_NOT_FOUND for an unknown version, on either side', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [before, after] of [
      [unknown, toBe.id],
      [asIs.id, unknown],
    ] as const) {
      const response = await diff(before, after);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'PROCESS_VERSION_NOT_FOUND' });
      expect(response.body.message).toContain(unknown);
    }
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const response = await diff('as-is', toBe.id);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });
});
