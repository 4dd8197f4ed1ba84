/**
 * A tiny builder for test models: nodes and flows in, BPMN XML out, with the `incoming` and
 * `outgoing` references derived from the flows so each test lists a connection only once.
 * Sub-processes nest a model of their own; messages, signals, errors and escalations an event
 * refers to are declared once at the definitions level.
 */

type Attributes = Record<string, string | undefined>;

export interface NodeSpec {
  tag: string;
  id: string;
  attributes: Attributes;
  /** Child XML after incoming/outgoing: event definitions, scripts, loop markers. */
  body: string;
  /** Content of <extensionElements>. */
  extensions?: string;
  /** Root elements (messages, signals, errors, escalations) the node refers to. */
  roots?: string[];
  /** A sub-process's own nodes and flows. */
  children?: ModelSpec;
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
  /** Associations as [source, target]: a compensation boundary event and its handler. */
  associations?: [string, string][];
  /** Lane id -> the ids of the nodes in it. */
  lanes?: Record<string, string[]>;
}

/** An event definition and the root elements it refers to. */
export interface EventDefinitionSpec {
  xml: string;
  roots: string[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const expression = (tag: string, body: string) => `<bpmn:${tag} xsi:type="bpmn:tFormalExpression">${escape(body)}</bpmn:${tag}>`;

const renderAttributes = (attributes: Attributes) =>
  Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escape(value as string)}"`)
    .join('');

const node = (tag: string, id: string, attributes: Attributes = {}, body = '', roots: string[] = []): NodeSpec => ({ tag, id, attributes, body, roots });

const withDefinition = (tag: string, id: string, on: EventDefinitionSpec | undefined, attributes: Attributes = {}) => node(tag, id, attributes, on?.xml ?? '', on?.roots ?? []);

// Event definitions

export const onTimer = (timer: { duration?: string; date?: string; cycle?: string }): EventDefinitionSpec => ({
  xml: `<bpmn:timerEventDefinition>${[
    timer.duration === undefined ? '' : expression('timeDuration', timer.duration),
    timer.date === undefined ? '' : expression('timeDate', timer.date),
    timer.cycle === undefined ? '' : expression('timeCycle', timer.cycle),
  ].join('')}</bpmn:timerEventDefinition>`,
  roots: [],
});

export const onMessage = (name: string, correlationKey?: string): EventDefinitionSpec => ({
  xml: `<bpmn:messageEventDefinition messageRef="Message_${name}" />`,
  roots: [message(name, correlationKey)],
});

const message = (name: string, correlationKey?: string) =>
  `<bpmn:message id="Message_${name}" name="${escape(name)}"${renderAttributes({ 'tandem:correlationKey': correlationKey })} />`;

export const onSignal = (name: string): EventDefinitionSpec => ({
  xml: `<bpmn:signalEventDefinition signalRef="Signal_${name}" />`,
  roots: [`<bpmn:signal id="Signal_${name}" name="${escape(name)}" />`],
});

/** An error with a code, or (no code) a catch-all. */
export const onError = (code?: string): EventDefinitionSpec =>
  code === undefined
    ? { xml: '<bpmn:errorEventDefinition />', roots: [] }
    : { xml: `<bpmn:errorEventDefinition errorRef="Error_${code}" />`, roots: [`<bpmn:error id="Error_${code}" errorCode="${escape(code)}" />`] };

export const onEscalation = (code?: string): EventDefinitionSpec =>
  code === undefined
    ? { xml: '<bpmn:escalationEventDefinition />', roots: [] }
    : {
        xml: `<bpmn:escalationEventDefinition escalationRef="Escalation_${code}" />`,
        roots: [`<bpmn:escalation id="Escalation_${code}" escalationCode="${escape(code)}" />`],
      };

export const onLink = (name: string): EventDefinitionSpec => ({ xml: `<bpmn:linkEventDefinition name="${escape(name)}" />`, roots: [] });

export const onTerminate = (): EventDefinitionSpec => ({ xml: '<bpmn:terminateEventDefinition />', roots: [] });

export const onCondition = (condition: string): EventDefinitionSpec => ({
  xml: `<bpmn:conditionalEventDefinition>${expression('condition', condition)}</bpmn:conditionalEventDefinition>`,
  roots: [],
});

/** Compensation: of one activity's instances, or (no activityRef) of everything completed in the scope. */
export const onCompensate = (activityRef?: string): EventDefinitionSpec => ({
  xml: `<bpmn:compensateEventDefinition${renderAttributes({ activityRef })} />`,
  roots: [],
});

// Events

export const startEvent = (id: string, on?: EventDefinitionSpec, interrupting = true) => withDefinition('startEvent', id, on, interrupting ? {} : { isInterrupting: 'false' });
export const endEvent = (id: string, on?: EventDefinitionSpec, attributes: Attributes = {}) => withDefinition('endEvent', id, on, attributes);
export const terminateEndEvent = (id: string) => endEvent(id, onTerminate());
export const catchEvent = (id: string, on: EventDefinitionSpec) => withDefinition('intermediateCatchEvent', id, on);
export const throwEvent = (id: string, on?: EventDefinitionSpec, attributes: Attributes = {}) => withDefinition('intermediateThrowEvent', id, on, attributes);
export const timerCatchEvent = (id: string, duration: string) => catchEvent(id, onTimer({ duration }));
export const boundaryEvent = (id: string, attachedTo: string, on: EventDefinitionSpec, interrupting = true) =>
  withDefinition('boundaryEvent', id, on, { attachedToRef: attachedTo, cancelActivity: String(interrupting) });
export const boundaryTimer = (id: string, attachedTo: string, duration: string, interrupting = true) => boundaryEvent(id, attachedTo, onTimer({ duration }), interrupting);
/** A compensation boundary event; link its handler with an association. */
export const compensationBoundary = (id: string, attachedTo: string) => withDefinition('boundaryEvent', id, onCompensate(), { attachedToRef: attachedTo });

// Activities

export const userTask = (id: string, attributes: Attributes = {}) => node('userTask', id, attributes);
export const serviceTask = (id: string, topic: string, attributes: Attributes = {}) => node('serviceTask', id, { 'tandem:topic': topic, ...attributes });
export const sendTask = (id: string, topic: string) => node('sendTask', id, { 'tandem:topic': topic });
export const receiveTask = (id: string, name: string, correlationKey?: string) => node('receiveTask', id, { messageRef: `Message_${name}` }, '', [message(name, correlationKey)]);
export const scriptTask = (id: string, script: string, resultVariable?: string) =>
  node('scriptTask', id, { scriptFormat: 'feel', 'tandem:resultVariable': resultVariable }, `<bpmn:script>${escape(script)}</bpmn:script>`);
export const businessRuleTask = (id: string, decisionRef: string, resultVariable?: string) =>
  node('businessRuleTask', id, { 'tandem:decisionRef': decisionRef, 'tandem:resultVariable': resultVariable });
export const task = (id: string) => node('task', id);
export const manualTask = (id: string) => node('manualTask', id);
export const callActivity = (id: string, processKey: string, attributes: Attributes = {}) => node('callActivity', id, { calledElement: processKey, ...attributes });
export const subProcess = (id: string, children: ModelSpec, attributes: Attributes = {}): NodeSpec => ({ ...node('subProcess', id, attributes), children });
export const eventSubProcess = (id: string, children: ModelSpec): NodeSpec => subProcess(id, children, { triggeredByEvent: 'true' });
export const adHocSubProcess = (
  id: string,
  children: ModelSpec,
  settings: { activeElements?: string; completionCondition?: string; cancelRemainingInstances?: boolean } = {},
): NodeSpec => ({
  ...node('adHocSubProcess', id, { cancelRemainingInstances: settings.cancelRemainingInstances?.toString() }),
  ...(settings.activeElements !== undefined && { extensions: `<tandem:adHoc activeElementsCollection="${escape(settings.activeElements)}" />` }),
  body: settings.completionCondition === undefined ? '' : expression('completionCondition', settings.completionCondition),
  children,
});

/** Marks an activity as a compensation handler. */
export const forCompensation = (spec: NodeSpec): NodeSpec => ({ ...spec, attributes: { ...spec.attributes, isForCompensation: 'true' } });

// Gateways

export const exclusiveGateway = (id: string, defaultFlowId?: string) => node('exclusiveGateway', id, { default: defaultFlowId });
export const inclusiveGateway = (id: string, defaultFlowId?: string) => node('inclusiveGateway', id, { default: defaultFlowId });
export const parallelGateway = (id: string) => node('parallelGateway', id);
export const eventBasedGateway = (id: string) => node('eventBasedGateway', id);

// Settings on an activity

export const withIoMapping = (spec: NodeSpec, mapping: { inputs?: Record<string, string>; outputs?: Record<string, string> }): NodeSpec => {
  const render = (kind: string, entries: Record<string, string> = {}) =>
    Object.entries(entries).map(([target, source]) => `<tandem:${kind} source="${escape(source)}" target="${target}" />`);
  return {
    ...spec,
    extensions: `${spec.extensions ?? ''}<tandem:ioMapping>${[...render('input', mapping.inputs), ...render('output', mapping.outputs)].join('')}</tandem:ioMapping>`,
  };
};

export interface MultiInstanceSpec {
  sequential?: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
  loopCardinality?: string;
}

export const withMultiInstance = (spec: NodeSpec, settings: MultiInstanceSpec): NodeSpec => {
  const { sequential = false, completionCondition, loopCardinality, ...collection } = settings;
  const extension = Object.values(collection).some((value) => value !== undefined)
    ? `<bpmn:extensionElements><tandem:loopCharacteristics${renderAttributes(collection)} /></bpmn:extensionElements>`
    : '';
  const parts = [
    extension,
    loopCardinality === undefined ? '' : expression('loopCardinality', loopCardinality),
    completionCondition === undefined ? '' : expression('completionCondition', completionCondition),
  ];
  return { ...spec, body: `${spec.body}<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">${parts.join('')}</bpmn:multiInstanceLoopCharacteristics>` };
};

export const withStandardLoop = (spec: NodeSpec, settings: { condition?: string; testBefore?: boolean; maximum?: number }): NodeSpec => ({
  ...spec,
  body:
    `${spec.body}<bpmn:standardLoopCharacteristics testBefore="${settings.testBefore ?? false}"${renderAttributes({ loopMaximum: settings.maximum?.toString() })}>` +
    `${settings.condition === undefined ? '' : expression('loopCondition', settings.condition)}</bpmn:standardLoopCharacteristics>`,
});

export const flow = (id: string, source: string, target: string, condition?: string): FlowSpec => ({ id, source, target, condition });

function renderContent({ nodes, flows, associations = [] }: ModelSpec, indent: string): string {
  const renderNode = (spec: NodeSpec) => {
    const { tag, id, attributes, body, extensions, children } = spec;
    const incoming = flows.filter(({ target }) => target === id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`);
    const outgoing = flows.filter(({ source }) => source === id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`);
    const extensionElements = extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : '';
    const nested = children ? `\n${renderContent(children, `${indent}  `)}\n${indent}` : '';
    return `${indent}<bpmn:${tag} id="${id}"${renderAttributes(attributes)}>${extensionElements}${[...incoming, ...outgoing].join('')}${body}${nested}</bpmn:${tag}>`;
  };
  const renderFlow = ({ id, source, target, condition }: FlowSpec) =>
    `${indent}<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">` +
    `${condition === undefined ? '' : expression('conditionExpression', condition)}</bpmn:sequenceFlow>`;
  const renderAssociation = ([source, target]: [string, string]) =>
    `${indent}<bpmn:association id="association_${source}_${target}" associationDirection="One" sourceRef="${source}" targetRef="${target}" />`;
  return [...nodes.map(renderNode), ...flows.map(renderFlow), ...associations.map(renderAssociation)].join('\n');
}

const rootsOf = ({ nodes }: ModelSpec): string[] => nodes.flatMap((spec) => [...(spec.roots ?? []), ...(spec.children ? rootsOf(spec.children) : [])]);

export function bpmnXml(model: ModelSpec, processId = 'process'): string {
  const renderLane = ([id, members]: [string, string[]]) =>
    `<bpmn:lane id="${id}">${members.map((member) => `<bpmn:flowNodeRef>${member}</bpmn:flowNodeRef>`).join('')}</bpmn:lane>`;
  const laneSet = model.lanes ? `    <bpmn:laneSet id="lanes">${Object.entries(model.lanes).map(renderLane).join('')}</bpmn:laneSet>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
${[...new Set(rootsOf(model))].map((root) => `  ${root}`).join('\n')}
  <bpmn:process id="${processId}" isExecutable="true">
${laneSet}
${renderContent(model, '    ')}
  </bpmn:process>
</bpmn:definitions>`;
}
