import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessGraph } from '#bpmn';
import { MAX_ACTIVITIES_PER_CASE, simulate } from './simulate.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';
import { compileModel } from './testing/models.js';

/** Review, then a gateway that only lets the case go when `approved` is true; nothing ever sets it. */
const LOOP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="Definitions_Loop" targetNamespace="http://tandem.dev/test">
  <bpmn:process id="loop" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="Join"><bpmn:incoming>F1</bpmn:incoming><bpmn:incoming>Again</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="Review" tandem:candidateGroups="agents" tandem:standardMinutes="5"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="Approved" default="Again"><bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>Done</bpmn:outgoing><bpmn:outgoing>Again</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="End"><bpmn:incoming>Done</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Join" />
    <bpmn:sequenceFlow id="F2" sourceRef="Join" targetRef="Review" />
    <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="Approved" />
    <bpmn:sequenceFlow id="Done" sourceRef="Approved" targetRef="End"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= approved = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Again" sourceRef="Approved" targetRef="Join" />
  </bpmn:process>
</bpmn:definitions>`;

const parameters = (branches?: Record<string, Record<string, number>>) => ({
  seed: 3,
  start: '2026-01-05T00:00:00Z',
  horizon: { days: 30 },
  arrivals: { perDay: 5 },
  pools: [{ id: 'agents', size: 2 }],
  ...(branches && { branches }),
});

describe('a case that loops for ever', () => {
  let graph: ProcessGraph;
  beforeAll(async () => {
    graph = await compileModel(LOOP);
  });

  it('stops the run with an error naming the case and the element it keeps coming back to', () => {
    // given no shares for the gateway, whose condition nothing sets: every case loops
    const run = () => simulate({ graph, processVersionId: 'loop', parameters: parameters() });
    // then the run stops instead of working the loop until the horizon
    expect(run).toThrow(expect.objectContaining({ code: SIMULATION_ERRORS.runawayCase, details: expect.objectContaining({ field: 'parameters.branches' }) }));
    try {
      run();
    } catch (error) {
      const { details } = error as { details: { elementId: string; times: number } };
      expect(['Review', 'Join', 'Approved']).toContain(details.elementId);
      expect(details.times).toBeGreaterThan(MAX_ACTIVITIES_PER_CASE / 4);
    }
  });

  it('runs when branch shares let the cases leave the loop', () => {
    const { summary } = simulate({ graph, processVersionId: 'loop', parameters: parameters({ Approved: { Done: 0.5, Again: 0.5 } }) });
    expect(summary.casesCompleted).toBeGreaterThan(100);
  });
});
