import type { ValueClass } from '../process-graph.js';
import type { ValueSummary } from '../value/value-summary.js';

/** What a diff compares: flow nodes (sub-process contents included), sequence flows and lanes, matched by id. */
export type DiffElementKind = 'flowNode' | 'sequenceFlow' | 'lane';

export interface DiffElement {
  id: string;
  kind: DiffElementKind;
  /** The flow node type (`userTask`, ...), or `sequenceFlow` / `lane`. In `changed`, the type after. */
  type: string;
  name?: string;
  valueClass?: ValueClass;
  /** A flow node's or sequence flow's `zeebe:properties` (in `changed`, those after); a changed one is also listed as `properties.<name>` among the changes. */
  properties?: Record<string, string>;
}

/** JSON-safe property values; null stands for "not set". */
export type PropertyValue = string | number | boolean | null | PropertyValue[] | { [key: string]: PropertyValue };

export interface PropertyChange {
  /**
   * The property as the ProcessGraph names it, nested objects joined with dots: `name`, `type`,
   * `valueClass`, `standardMinutes`, `candidateGroups`, `dueIn`, `condition`, `sourceId`, `laneId`,
   * `eventDefinition.timeDuration`, `ioMapping`, ...
   */
  property: string;
  before: PropertyValue;
  after: PropertyValue;
}

export interface ChangedElement extends DiffElement {
  changes: PropertyChange[];
}

/** A step whose value class differs between the versions; a step only one version has counts as null in the other. */
export interface ValueClassChange {
  id: string;
  name?: string;
  /** Whether the step was added, removed or kept (and reclassified). */
  element: 'added' | 'removed' | 'changed';
  before: ValueClass | null;
  after: ValueClass | null;
}

export interface ValueFiguresDelta {
  nvaSteps: number;
  nvaMinutes: number;
  VA: number;
  BVA: number;
  unclassified: number;
}

export interface ProcessDiff {
  /** In the `after` version's document order. */
  added: DiffElement[];
  /** In the `before` version's document order. */
  removed: DiffElement[];
  changed: ChangedElement[];
  valueClassChanges: ValueClassChange[];
  values: {
    before: ValueSummary;
    after: ValueSummary;
    /** after - before: a redesign that removes waste shows negative NVA figures. */
    delta: ValueFiguresDelta;
  };
}
