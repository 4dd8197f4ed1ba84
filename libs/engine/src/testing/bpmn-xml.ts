/**
 * A tiny builder for test models: nodes and flows in, BPMN XML out, with the `incoming` and
 * `outgoing` references derived from the flows so each test lists a connection only once.
 */

type Attributes = Record<string, string | undefined>;

export interface NodeSpec {
  tag: string;
  id: string;
  attributes: Attributes;
  body: string;
}

export interface FlowSpec {
  id: string;
  source: string;
  target: string;
  condition?: string;
}

export interface ModelSpec {
  nodes: NodeSpec[];
  flows: FlowSpec[];
  /** Lane id -> the ids of the nodes in it. */
  lanes?: Record<string, string[]>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const expression = (tag: string, body: string) => `<bpmn:${tag} xsi:type="bpmn:tFormalExpression">${escape(body)}</bpmn:${tag}>`;

const timer = (duration: string) => `<bpmn:timerEventDefinition>${expression('timeDuration', duration)}</bpmn:timerEventDefinition>`;

const node = (tag: string, id: string, attributes: Attributes = {}, body = ''): NodeSpec => ({ tag, id, attributes, body });

export const startEvent = (id: string) => node('startEvent', id);
export const endEvent = (id: string) => node('endEvent', id);
export const terminateEndEvent = (id: string) => node('endEvent', id, {}, '<bpmn:terminateEventDefinition />');
export const userTask = (id: string, attributes: Attributes = {}) => node('userTask', id, attributes);
export const serviceTask = (id: string, topic: string, attributes: Attributes = {}) =>
  node('serviceTask', id, { 'tandem:topic': topic, ...attributes });
export const exclusiveGateway = (id: string, defaultFlowId?: string) => node('exclusiveGateway', id, { default: defaultFlowId });
export const parallelGateway = (id: string) => node('parallelGateway', id);
export const timerCatchEvent = (id: string, duration: string) => node('intermediateCatchEvent', id, {}, timer(duration));
export const boundaryTimer = (id: string, attachedTo: string, duration: string, interrupting = true) =>
  node('boundaryEvent', id, { attachedToRef: attachedTo, cancelActivity: String(interrupting) }, timer(duration));

export const flow = (id: string, source: string, target: string, condition?: string): FlowSpec => ({ id, source, target, condition });

export function bpmnXml({ nodes, flows, lanes }: ModelSpec): string {
  const renderAttributes = (attributes: Attributes) =>
    Object.entries(attributes)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => ` ${name}="${escape(value as string)}"`)
      .join('');
  const renderNode = ({ tag, id, attributes, body }: NodeSpec) => {
    const incoming = flows.filter(({ target }) => target === id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`);
    const outgoing = flows.filter(({ source }) => source === id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`);
    return `    <bpmn:${tag} id="${id}"${renderAttributes(attributes)}>${[...incoming, ...outgoing].join('')}${body}</bpmn:${tag}>`;
  };
  const renderFlow = ({ id, source, target, condition }: FlowSpec) =>
    `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">` +
    `${condition === undefined ? '' : expression('conditionExpression', condition)}</bpmn:sequenceFlow>`;
  const renderLane = ([id, members]: [string, string[]]) =>
    `<bpmn:lane id="${id}">${members.map((member) => `<bpmn:flowNodeRef>${member}</bpmn:flowNodeRef>`).join('')}</bpmn:lane>`;
  const laneSet = lanes ? `    <bpmn:laneSet id="lanes">${Object.entries(lanes).map(renderLane).join('')}</bpmn:laneSet>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="process" isExecutable="true">
${laneSet}
${nodes.map(renderNode).join('\n')}
${flows.map(renderFlow).join('\n')}
  </bpmn:process>
</bpmn:definitions>`;
}
