import { describe, expect, it } from '@jest/globals';
import type { ElementCatalog, StepEvent, StepType } from '#analytics';
import type { EventLogCase } from '#persistence';
import { csvRows, xesTraces } from './event-log.js';

const record: EventLogCase = {
  instanceId: 'case-1',
  processVersionId: 'version-1',
  processKey: 'service',
  version: 3,
  businessKey: 'A & B <ltd>',
  status: 'completed',
  startedAt: 0,
  endedAt: 60_000,
  variables: {},
  experimentId: 'experiment-1',
  arm: 'to-be',
  origin: 'live',
};

const step = (type: StepType, minute: number, actor: string | null = 'ana'): StepEvent => ({
  instanceId: 'case-1',
  activityInstanceId: 'triage-1',
  elementId: 'triage',
  elementType: 'userTask',
  type,
  at: Date.UTC(2026, 0, 5, 9, minute),
  actor,
  laneId: 'first-line',
  previousActivityInstanceId: null,
});

const catalog: ElementCatalog = new Map([['triage', { id: 'triage', name: 'Triage "first"', type: 'userTask', candidateGroups: [] }]]);

describe('xesTraces', () => {
  it('writes one trace per case with the XES lifecycle transitions of its steps', () => {
    const steps = [step('ready', 0, null), step('claimed', 1), step('started', 2), step('paused', 3), step('breached', 4, null), step('started', 5), step('completed', 6)];

    const sut = xesTraces([record], steps, catalog);

    const transitions = [...sut.matchAll(/key="lifecycle:transition" value="(\w+)"/g)].map(([, transition]) => transition);
    // the breach is a marker, not a transition; the second start resumes the suspended work
    expect(transitions).toEqual(['schedule', 'assign', 'start', 'suspend', 'resume', 'complete']);
    expect(sut).toContain('<int key="processVersion" value="3"/>');
    expect(sut).toContain('<string key="experimentArm" value="to-be"/>');
    expect(sut).toContain('<string key="origin" value="live"/>');
    expect(xesTraces([{ ...record, experimentId: null, arm: null }], steps, catalog)).not.toContain('experiment');
    expect(sut).toContain('<string key="businessKey" value="A &amp; B &lt;ltd&gt;"/>');
    expect(sut).toContain('<string key="concept:name" value="Triage &quot;first&quot;"/>');
    expect(sut).toContain('<date key="time:timestamp" value="2026-01-05T09:06:00.000Z"/>');
    expect(sut.match(/<string key="org:resource" value="ana"\/>/g)).toHaveLength(5);
  });
});

describe('csvRows', () => {
  it('writes one row per step, the header only when asked', () => {
    const sut = csvRows([record], [step('ready', 0, null), step('completed', 6)], catalog, true);

    expect(sut.trim().split('\n')).toEqual([
      'caseId,processKey,processVersion,processVersionId,businessKey,experimentArm,origin,activityInstanceId,elementId,activity,elementType,step,timestamp,resource,lane',
      'case-1,service,3,version-1,A & B <ltd>,to-be,live,triage-1,triage,"Triage ""first""",userTask,ready,2026-01-05T09:00:00.000Z,,first-line',
      'case-1,service,3,version-1,A & B <ltd>,to-be,live,triage-1,triage,"Triage ""first""",userTask,completed,2026-01-05T09:06:00.000Z,ana,first-line',
    ]);
    expect(csvRows([record], [step('ready', 0)], catalog, false).split('\n')[0]).toMatch(/^case-1,/);
  });
});
