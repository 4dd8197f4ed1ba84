import { loadBpmn, type ProcessGraph } from '#bpmn';

/** Compiles a test model; one that does not compile fails the test with its problems. */
export async function compileModel(xml: string): Promise<ProcessGraph> {
  const { processes, problems } = await loadBpmn(xml);
  if (processes.length !== 1) throw new Error(`The test model does not compile: ${JSON.stringify(problems, null, 2)}`);
  return processes[0];
}

const definitions = (body: string, roots = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="Definitions_1" targetNamespace="http://tandem.dev/test">${roots}
  <bpmn:process id="simulated" isExecutable="true">${body}
  </bpmn:process>
</bpmn:definitions>`;

/** start -> one user task for group `agents` -> end: the M/M/c queue. */
export const SINGLE_TASK = definitions(`
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Work" tandem:candidateGroups="agents" tandem:standardMinutes="10"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />`);

/** Where a reference process of processes/customer-service lies (specs read it: this helper does no I/O). */
export const referenceProcessUrl = (file: 'as-is.bpmn' | 'to-be.bpmn'): URL => new URL(`../../../../processes/customer-service/${file}`, import.meta.url);

/** start -> exclusive gateway on `x` (no default flow) -> user task A or B -> end. */
export const TWO_WAYS = definitions(`
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="Choice"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>ToA</bpmn:outgoing><bpmn:outgoing>ToB</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="A" tandem:candidateGroups="agents" tandem:standardMinutes="5"><bpmn:incoming>ToA</bpmn:incoming><bpmn:outgoing>FA</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="B" tandem:candidateGroups="agents"><bpmn:incoming>ToB</bpmn:incoming><bpmn:outgoing>FB</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>FA</bpmn:incoming><bpmn:incoming>FB</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Choice" />
    <bpmn:sequenceFlow id="ToA" sourceRef="Choice" targetRef="A"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="ToB" sourceRef="Choice" targetRef="B"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= x &lt;= 1</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="FA" sourceRef="A" targetRef="End" />
    <bpmn:sequenceFlow id="FB" sourceRef="B" targetRef="End" />`);

/** start -> service task (external, topic `lookup`) -> receive task (message `reply`) -> end: no human work. */
export const AUTOMATED = definitions(
  `
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Lookup" tandem:topic="lookup"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:receiveTask id="AwaitReply" messageRef="Message_reply"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:receiveTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Lookup" />
    <bpmn:sequenceFlow id="F2" sourceRef="Lookup" targetRef="AwaitReply" />
    <bpmn:sequenceFlow id="F3" sourceRef="AwaitReply" targetRef="End" />`,
  `
  <bpmn:message id="Message_reply" name="reply" />`,
);
