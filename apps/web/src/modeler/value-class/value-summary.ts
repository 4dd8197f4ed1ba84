import { VALUE_CLASSES, type ValueClass } from '#bpmn';

/** What the summary needs of one flow node on the canvas. */
export interface ClassifiedNode {
  id: string;
  valueClass: string | undefined;
  standardMinutes: string | undefined;
}

export interface ValueSummary {
  counts: Record<ValueClass, number>;
  /** Steps the validation flags for lacking a value class. */
  unclassified: number;
  nvaSteps: number;
  /** Sum of tandem:standardMinutes over the NVA steps; a missing or unreadable value counts as 0. */
  nvaMinutes: number;
}

const isValueClass = (value: string | undefined): value is ValueClass => VALUE_CLASSES.includes(value as ValueClass);

const minutesOf = (text: string | undefined): number => {
  const minutes = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(minutes) && minutes >= 0 ? minutes : 0;
};

/** The diagram's value-class figures: the NVA steps and their standard minutes above all. */
export const summarizeValueClasses = (nodes: readonly ClassifiedNode[], unclassifiedIds: ReadonlySet<string>): ValueSummary => {
  const counts: Record<ValueClass, number> = { VA: 0, BVA: 0, NVA: 0 };
  let nvaMinutes = 0;
  for (const node of nodes) {
    if (!isValueClass(node.valueClass)) continue;
    counts[node.valueClass] += 1;
    if (node.valueClass === 'NVA') nvaMinutes += minutesOf(node.standardMinutes);
  }
  return {
    counts,
    unclassified: nodes.filter((node) => unclassifiedIds.has(node.id)).length,
    nvaSteps: counts.NVA,
    nvaMinutes,
  };
};
