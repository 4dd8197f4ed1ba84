import type { FlowNode, Lane, ProcessGraph, SequenceFlow, ValueClass } from '../process-graph.js';
import { roundMinutes, summarizeValueClasses, valueNodesOfGraph, type ValueSummary } from '../value/value-summary.js';
import { propertiesOf, sameValue } from './element-properties.js';
import type { ChangedElement, DiffElement, DiffElementKind, ProcessDiff, PropertyChange, ValueClassChange, ValueFiguresDelta } from './process-diff.js';

type Comparable = FlowNode | SequenceFlow | Lane;

interface Entry {
  kind: DiffElementKind;
  element: Comparable;
}

/** Every element of a process by id, in document order: flow nodes, then flows, then lanes. */
const entriesOf = (graph: ProcessGraph): Map<string, Entry> =>
  new Map<string, Entry>([
    ...Object.values(graph.nodes).map((element): [string, Entry] => [element.id, { kind: 'flowNode', element }]),
    ...Object.values(graph.flows).map((element): [string, Entry] => [element.id, { kind: 'sequenceFlow', element }]),
    ...graph.lanes.map((element): [string, Entry] => [element.id, { kind: 'lane', element }]),
  ]);

const valueClassOf = (entry: Entry | undefined): ValueClass | undefined => (entry && 'lean' in entry.element ? entry.element.lean.valueClass : undefined);

const describeEntry = ({ kind, element }: Entry): DiffElement => {
  const valueClass = valueClassOf({ kind, element });
  return {
    id: element.id,
    kind,
    type: kind === 'flowNode' ? (element as FlowNode).type : kind,
    ...(element.name ? { name: element.name } : {}),
    ...(valueClass ? { valueClass } : {}),
    ...('properties' in element && element.properties ? { properties: element.properties } : {}),
  };
};

const changesBetween = (before: Comparable, after: Comparable): PropertyChange[] => {
  const was = propertiesOf(before);
  const now = propertiesOf(after);
  const names = [...new Set([...was.keys(), ...now.keys()])];
  return names
    .filter((property) => !sameValue(was.get(property), now.get(property)))
    .map((property) => ({ property, before: was.get(property) ?? null, after: now.get(property) ?? null }));
};

const deltaOf = (before: ValueSummary, after: ValueSummary): ValueFiguresDelta => ({
  nvaSteps: after.nvaSteps - before.nvaSteps,
  nvaMinutes: roundMinutes(after.nvaMinutes - before.nvaMinutes),
  VA: after.counts.VA - before.counts.VA,
  BVA: after.counts.BVA - before.counts.BVA,
  unclassified: after.unclassified - before.unclassified,
});

/**
 * What changed from one version of a process to another (DESIGN.md: "as-is vs to-be"). Elements
 * are matched by id, as the modeler keeps ids while a designer edits; the comparison is of the
 * compiled graphs, so it sees meaning rather than XML spelling (a `camunda:` attribute and its
 * `tandem:` twin compare equal, layout and documentation are not compared).
 */
export const diffProcesses = (before: ProcessGraph, after: ProcessGraph): ProcessDiff => {
  const was = entriesOf(before);
  const now = entriesOf(after);
  const added: DiffElement[] = [];
  const changed: ChangedElement[] = [];
  const valueClassChanges: ValueClassChange[] = [];
  const classChange = (entry: Entry, element: ValueClassChange['element'], from: ValueClass | undefined, to: ValueClass | undefined) => {
    if (from === to) return;
    valueClassChanges.push({
      id: entry.element.id,
      ...(entry.element.name ? { name: entry.element.name } : {}),
      element,
      before: from ?? null,
      after: to ?? null,
    });
  };
  for (const [id, entry] of now) {
    const previous = was.get(id);
    if (!previous || previous.kind !== entry.kind) {
      added.push(describeEntry(entry));
      classChange(entry, 'added', undefined, valueClassOf(entry));
      continue;
    }
    const changes = changesBetween(previous.element, entry.element);
    if (changes.length > 0) changed.push({ ...describeEntry(entry), changes });
    classChange(entry, 'changed', valueClassOf(previous), valueClassOf(entry));
  }
  const removed: DiffElement[] = [];
  for (const [id, entry] of was) {
    if (now.get(id)?.kind === entry.kind) continue;
    removed.push(describeEntry(entry));
    classChange(entry, 'removed', valueClassOf(entry), undefined);
  }
  const values = { before: summarizeValueClasses(valueNodesOfGraph(before)), after: summarizeValueClasses(valueNodesOfGraph(after)) };
  return { added, removed, changed, valueClassChanges, values: { ...values, delta: deltaOf(values.before, values.after) } };
};
