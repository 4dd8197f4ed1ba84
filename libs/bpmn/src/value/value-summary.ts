import type { ModdleElement } from 'bpmn-moddle';
import { VALUE_CLASSES, type ProcessGraph, type ValueClass } from '../process-graph.js';
import { processesOf, viewProcess } from '../validate/process-view.js';

/**
 * What the value figures need of one flow node. Read from a compiled ProcessGraph on the server and
 * from the modeler's live moddle tree in the browser, so both count with this one implementation.
 */
export interface ValueNode {
  id: string;
  /** The BPMN element name as the ProcessGraph spells it: `userTask`, `exclusiveGateway`, ... */
  type: string;
  valueClass: string | undefined;
  /** A number (compiled) or the attribute text (moddle); a missing or unreadable value counts as 0. */
  standardMinutes: string | number | undefined;
}

export interface ValueSummary {
  counts: Record<ValueClass, number>;
  /** The steps expected to carry a value class that have none, in document order. */
  unclassifiedIds: string[];
  unclassified: number;
  nvaSteps: number;
  /** Sum of tandem:standardMinutes over the NVA steps. */
  nvaMinutes: number;
}

/** Tasks are the steps whose time the analytics classify; the lean-attributes rule warns when one has no class. */
const CLASSIFIED_STEP_TYPES: ReadonlySet<string> = new Set(['userTask', 'serviceTask', 'sendTask', 'receiveTask', 'scriptTask', 'manualTask', 'task']);

export const expectsValueClass = (type: string): boolean => CLASSIFIED_STEP_TYPES.has(type);

/** `bpmn:UserTask` -> `userTask`: the moddle type as the ProcessGraph names it. */
export const graphTypeOf = (moddleType: string): string => {
  const local = moddleType.replace(/^bpmn:/, '');
  return local.charAt(0).toLowerCase() + local.slice(1);
};

export const isValueClass = (value: unknown): value is ValueClass => VALUE_CLASSES.includes(value as ValueClass);

const minutesOf = (value: string | number | undefined): number => {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return 0;
  const minutes = Number(value);
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : 0;
};

/** Minutes are decimals a designer typed: keep sums free of binary noise such as 0.30000000000000004. */
export const roundMinutes = (minutes: number): number => Math.round(minutes * 1e6) / 1e6;

/** The value-class figures of a set of flow nodes: the NVA steps and their standard minutes above all. */
export const summarizeValueClasses = (nodes: readonly ValueNode[]): ValueSummary => {
  const counts: Record<ValueClass, number> = { VA: 0, BVA: 0, NVA: 0 };
  const unclassifiedIds: string[] = [];
  let nvaMinutes = 0;
  for (const node of nodes) {
    if (isValueClass(node.valueClass)) {
      counts[node.valueClass] += 1;
      if (node.valueClass === 'NVA') nvaMinutes += minutesOf(node.standardMinutes);
    } else if (node.valueClass === undefined && expectsValueClass(node.type)) {
      unclassifiedIds.push(node.id);
    }
  }
  return { counts, unclassifiedIds, unclassified: unclassifiedIds.length, nvaSteps: counts.NVA, nvaMinutes: roundMinutes(nvaMinutes) };
};

/** Every flow node of a compiled process, sub-process contents included. */
export const valueNodesOfGraph = (graph: ProcessGraph): ValueNode[] =>
  Object.values(graph.nodes).map((node) => ({
    id: node.id,
    type: node.type,
    valueClass: node.lean.valueClass,
    standardMinutes: node.lean.standardMinutes,
  }));

/**
 * Every flow node of every process in parsed definitions (bpmn-moddle, or bpmn-js's live model),
 * sub-process contents included. Non-executable processes count too: the figures describe the drawing.
 */
export const valueNodesOfDefinitions = (definitions: ModdleElement): ValueNode[] =>
  processesOf(definitions)
    .flatMap((process) => viewProcess(process).flowNodes)
    .map((node) => ({
      id: node.id,
      type: graphTypeOf(node.$type),
      valueClass: node.valueClass,
      standardMinutes: node.standardMinutes,
    }));
