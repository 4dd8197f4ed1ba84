import type { ModdleElement } from 'bpmn-moddle';
import { DomainError } from '#core';
import { BPMN_ERRORS } from '../bpmn-errors.js';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionChildren, extensionElement, extensionElements } from '../parse/extension-elements.js';
import type { ErrorMapping, EventDefinition, ExternalTaskSettings, FlowNode, LeanAttributes, Stage, ValueClass, WasteType } from '../process-graph.js';
import { compensationHandlerOf } from '../validate/compensation-handlers.js';
import { classify } from '../validate/element-kinds.js';
import { flowsInto, flowsOutOf, isEventSubProcess, nodesIn, type ProcessView } from '../validate/process-view.js';
import { compileIoMapping, compileLoop } from './activity-settings.js';
import { adHocSettingsOf } from './ad-hoc-sub-process.js';
import { calledDecisionOf } from './called-decision.js';
import { calledProcessOf } from './called-process.js';
import { scriptOf } from './script-task.js';
import { userTaskFormOf } from './user-task-form.js';
import { userTaskSettingsOf } from './user-task-settings.js';
import { zeebePropertiesOf } from './zeebe-properties.js';
import { compileEventDefinition, compileMessage, optional } from './event-definition.js';

const DEFAULT_RETRIES = 3;

/** What every flow node carries, whatever its kind. */
function baseOf(element: ModdleElement, view: ProcessView) {
  const laneId: string | undefined = view.laneByNodeId.get(element.id)?.id;
  const container = view.containerOf.get(element.id);
  return {
    id: element.id as string,
    ...(element.name ? { name: element.name as string } : {}),
    incoming: flowsInto(view, element).map((flow) => flow.id),
    outgoing: flowsOutOf(view, element).map((flow) => flow.id),
    ...(laneId ? { laneId } : {}),
    lean: leanOf(element),
    boundaryEventIds: view.flowNodes.filter((node) => node.attachedToRef === element).map((node) => node.id),
    ...(container && container !== view.process ? { parentId: container.id as string } : {}),
    ...zeebePropertiesOf(element),
  };
}

/**
 * A node of a documentation-only model that cannot compile as what it is (a complex gateway, an
 * event without its settings): it is kept as an undefined task, so the version still shows its
 * place, its lane and its value class; the deploy warnings name it.
 */
export function documentationNode(element: ModdleElement, view: ProcessView): FlowNode {
  try {
    return compileNode(element, view);
  } catch {
    return { ...baseOf(element, view), type: 'task' };
  }
}

export function compileNode(element: ModdleElement, view: ProcessView): FlowNode {
  const kind = classify(element);
  if (!kind.supported) {
    throw new DomainError(BPMN_ERRORS.invalid, `Element '${element.id}' cannot be executed: ${kind.reason}.`);
  }
  const base = baseOf(element, view);
  const activity = () => ({
    ...base,
    ...compileIoMapping(element),
    ...compileLoop(element),
    ...(element.isForCompensation === true && { isForCompensation: true }),
  });
  switch (kind.type) {
    case 'startEvent':
      return {
        ...base,
        type: 'startEvent',
        ...optional('eventDefinition', compileEventDefinition(element)),
        interrupting: element.isInterrupting !== false,
        ...compileIoMapping(element),
      };
    case 'endEvent':
      return { ...base, type: 'endEvent', ...throwSettings(element) };
    case 'intermediateThrowEvent':
      return { ...base, type: 'intermediateThrowEvent', ...throwSettings(element) };
    case 'intermediateCatchEvent':
      return {
        ...base,
        type: 'intermediateCatchEvent',
        eventDefinition: compileEventDefinition(element) as Extract<FlowNode, { type: 'intermediateCatchEvent' }>['eventDefinition'],
        ...compileIoMapping(element),
      };
    case 'boundaryEvent':
      return {
        ...base,
        type: 'boundaryEvent',
        attachedToId: element.attachedToRef.id,
        cancelActivity: element.cancelActivity !== false,
        eventDefinition: withHandler(compileEventDefinition(element) as EventDefinition, element, view),
        ...compileIoMapping(element),
      };
    case 'userTask':
      return {
        ...activity(),
        type: 'userTask',
        ...userTaskSettingsOf(element),
        ...optional('escalateTo', readAttribute(element, 'escalateTo')),
        ...userTaskFormOf(element),
        ...optionalNumber('costPerHour', readAttribute(element, 'costPerHour')),
      };
    case 'serviceTask':
      return { ...activity(), type: 'serviceTask', ...externalTaskOf(element), ...errorMappingsOf(element) };
    case 'sendTask':
      return { ...activity(), type: 'sendTask', ...externalTaskOf(element) };
    case 'receiveTask':
      return { ...activity(), type: 'receiveTask', message: compileMessage(element.messageRef) };
    case 'scriptTask':
      // A zeebe:taskDefinition makes the script task a job, as in Camunda 8 (the script-task rule refuses both at once).
      return { ...activity(), type: 'scriptTask', ...scriptOf(element), ...(extensionElement(element, 'taskDefinition') && { externalTask: externalTaskOf(element) }) };
    case 'businessRuleTask':
      // As a script task, a zeebe:taskDefinition makes it a job (the business-rule-task rule refuses one beside a decision).
      return {
        ...activity(),
        type: 'businessRuleTask',
        ...calledDecisionOf(element),
        ...(extensionElement(element, 'taskDefinition') && { externalTask: externalTaskOf(element) }),
      };
    case 'task':
    case 'manualTask':
      return { ...activity(), type: kind.type };
    case 'subProcess': {
      const children = nodesIn(view, element);
      const starts = children.filter((node) => node.$type === 'bpmn:StartEvent');
      return {
        ...activity(),
        type: 'subProcess',
        triggeredByEvent: isEventSubProcess(element),
        startEventId: starts[0]?.id ?? '',
        eventSubProcessIds: children.filter(isEventSubProcess).map((node) => node.id),
      };
    }
    case 'adHocSubProcess':
      return { ...activity(), type: 'adHocSubProcess', ...adHocSettingsOf(element, view) };
    case 'callActivity':
      return { ...activity(), type: 'callActivity', ...calledProcessOf(element) };
    case 'exclusiveGateway':
    case 'inclusiveGateway':
      return { ...base, type: kind.type, ...optional('defaultFlowId', element.default?.id as string | undefined) };
    case 'parallelGateway':
    case 'eventBasedGateway':
      return { ...base, type: kind.type };
  }
}

/** A compensation boundary event names the handler its association links. */
const withHandler = (definition: EventDefinition, boundary: ModdleElement, view: ProcessView): EventDefinition =>
  definition.type === 'compensate' ? { ...definition, ...optional('handlerId', compensationHandlerOf(view, boundary)?.id as string | undefined) } : definition;

/** A throw or end event: its event definition, and for a message one the external task delivering it. */
function throwSettings(element: ModdleElement) {
  const eventDefinition = compileEventDefinition(element);
  return {
    ...optional('eventDefinition', eventDefinition),
    ...(eventDefinition?.type === 'message' ? { externalTask: externalTaskOf(element) } : {}),
    ...compileIoMapping(element),
  };
}

/** `tandem:topic` / `camunda:topic`, else Camunda 8's `zeebe:taskDefinition type`. */
function externalTaskOf(element: ModdleElement): ExternalTaskSettings {
  const definition = extensionElement(element, 'taskDefinition');
  const retries = readAttribute(element, 'retries') ?? definition?.retries;
  return {
    topic: readAttribute(element, 'topic') ?? definition?.type ?? '',
    retries: retries === undefined ? DEFAULT_RETRIES : Number(retries),
    ...taskHeadersOf(element),
  };
}

/** `zeebe:taskHeaders` as Camunda 8 hands them to a job worker: each header's key and value, as text. */
function taskHeadersOf(element: ModdleElement): { headers?: Record<string, string> } {
  const taskHeaders = extensionElement(element, 'taskHeaders');
  const headers = (taskHeaders ? extensionChildren(taskHeaders, 'header') : []).filter((header) => String(header.key ?? '').trim() !== '');
  return headers.length === 0 ? {} : { headers: Object.fromEntries(headers.map((header) => [String(header.key).trim(), String(header.value ?? '')])) };
}

/** The error mappings the Camunda 7 reader made of `camunda:errorEventDefinition`s; absent when there are none. */
function errorMappingsOf(element: ModdleElement): { errorEventDefinitions?: ErrorMapping[] } {
  const mappings = extensionElements(element, 'errorEventDefinition').map((mapping) => ({
    errorCode: String(mapping.errorCode),
    expression: stripFeelPrefix(String(mapping.expression)),
  }));
  return mappings.length === 0 ? {} : { errorEventDefinitions: mappings };
}

function leanOf(element: ModdleElement): LeanAttributes {
  return {
    ...optional('valueClass', element.valueClass as ValueClass | undefined),
    ...optional('wasteType', element.wasteType as WasteType | undefined),
    ...optional('stage', element.stage as Stage | undefined),
    ...optionalNumber('standardMinutes', element.standardMinutes),
  };
}

const optionalNumber = <K extends string>(key: K, value: string | undefined): { [P in K]?: number } => optional(key, value === undefined ? undefined : Number(value));
