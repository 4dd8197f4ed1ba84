import type { ModdleElement } from 'bpmn-moddle';
import { DomainError } from '#core';
import { BPMN_ERRORS } from '../bpmn-errors.js';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { readAttribute, splitList } from '../parse/extension-attributes.js';
import type { FlowNode, LeanAttributes, ProcessGraph, SequenceFlow, Stage, ValueClass, WasteType } from '../process-graph.js';
import { classify } from '../validate/element-kinds.js';
import { flowsInto, flowsOutOf, isExecutable, processesOf, viewProcess, type ProcessView } from '../validate/process-view.js';

const DEFAULT_RETRIES = 3;

/**
 * Turns validated definitions into plain ProcessGraphs, one per executable process.
 * Call only when validation found no errors; an unexecutable element here is a programming error.
 */
export function compileBpmn(definitions: ModdleElement): ProcessGraph[] {
  return processesOf(definitions).filter(isExecutable).map(viewProcess).map(compileProcess);
}

function compileProcess(view: ProcessView): ProcessGraph {
  const nodes: Record<string, FlowNode> = {};
  for (const element of view.flowNodes) nodes[element.id] = compileNode(element, view);
  const flows: Record<string, SequenceFlow> = {};
  for (const flow of view.sequenceFlows) {
    const condition: string | undefined = flow.conditionExpression?.body;
    flows[flow.id] = {
      id: flow.id,
      ...(flow.name ? { name: flow.name } : {}),
      sourceId: flow.sourceRef.id,
      targetId: flow.targetRef.id,
      ...(condition?.trim() ? { condition: stripFeelPrefix(condition) } : {}),
    };
  }
  const start = Object.values(nodes).find((node) => node.type === 'startEvent');
  if (!start) throw new DomainError(BPMN_ERRORS.invalid, `Process '${view.process.id}' has no start event.`);
  return {
    key: view.process.id,
    ...(view.process.name ? { name: view.process.name } : {}),
    startEventId: start.id,
    nodes,
    flows,
    lanes: view.lanes.map((lane) => ({
      id: lane.id,
      ...(lane.name ? { name: lane.name } : {}),
      flowNodeIds: (lane.flowNodeRef ?? []).map((node: ModdleElement) => node.id),
    })),
  };
}

function compileNode(element: ModdleElement, view: ProcessView): FlowNode {
  const kind = classify(element);
  if (!kind.supported) {
    throw new DomainError(BPMN_ERRORS.invalid, `Element '${element.id}' cannot be executed: ${kind.reason}.`);
  }
  const laneId: string | undefined = view.laneByNodeId.get(element.id)?.id;
  const base = {
    id: element.id as string,
    ...(element.name ? { name: element.name as string } : {}),
    incoming: flowsInto(view, element).map((flow) => flow.id),
    outgoing: flowsOutOf(view, element).map((flow) => flow.id),
    ...(laneId ? { laneId } : {}),
    lean: leanOf(element),
    boundaryEventIds: view.flowNodes.filter((node) => node.attachedToRef === element).map((node) => node.id),
  };
  switch (kind.type) {
    case 'startEvent':
      return { ...base, type: 'startEvent' };
    case 'endEvent':
      return { ...base, type: 'endEvent', terminate: kind.terminate === true };
    case 'userTask':
      return {
        ...base,
        type: 'userTask',
        candidateGroups: splitList(readAttribute(element, 'candidateGroups')),
        candidateUsers: splitList(readAttribute(element, 'candidateUsers')),
        ...optional('assignee', readAttribute(element, 'assignee')),
        ...optional('dueIn', readAttribute(element, 'dueIn', 'dueDate')),
        ...optional('formKey', readAttribute(element, 'formKey')),
        ...optionalNumber('costPerHour', readAttribute(element, 'costPerHour')),
      };
    case 'serviceTask': {
      const retries = readAttribute(element, 'retries');
      return {
        ...base,
        type: 'serviceTask',
        topic: readAttribute(element, 'topic') ?? '',
        retries: retries === undefined ? DEFAULT_RETRIES : Number(retries),
      };
    }
    case 'exclusiveGateway':
      return { ...base, type: 'exclusiveGateway', ...optional('defaultFlowId', element.default?.id) };
    case 'parallelGateway':
      return { ...base, type: 'parallelGateway' };
    case 'intermediateCatchEvent':
      return { ...base, type: 'intermediateCatchEvent', timer: timerOf(element) };
    case 'boundaryEvent':
      return {
        ...base,
        type: 'boundaryEvent',
        attachedToId: element.attachedToRef.id,
        cancelActivity: element.cancelActivity !== false,
        timer: timerOf(element),
      };
  }
}

const timerOf = (element: ModdleElement) => ({
  timeDuration: String(element.eventDefinitions[0].timeDuration?.body ?? '').trim(),
});

function leanOf(element: ModdleElement): LeanAttributes {
  return {
    ...optional('valueClass', element.valueClass as ValueClass | undefined),
    ...optional('wasteType', element.wasteType as WasteType | undefined),
    ...optional('stage', element.stage as Stage | undefined),
    ...optionalNumber('standardMinutes', element.standardMinutes),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const optionalNumber = <K extends string>(key: K, value: string | undefined): { [P in K]?: number } =>
  optional(key, value === undefined ? undefined : Number(value));
