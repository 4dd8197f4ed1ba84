import { STAGES, VALUE_CLASSES, WASTE_TYPES } from '#bpmn';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { Element } from 'bpmn-js/lib/model/Types';

/** One `tandem:` attribute as the properties panel edits it. */
export interface TandemField {
  /** The attribute name in the tandem: descriptor (libs/bpmn/src/moddle/tandem.ts). */
  property: string;
  label: string;
  description?: string;
  /** Allowed values: a select with an empty choice; free text when absent. */
  options?: readonly { value: string; label: string }[];
}

export interface TandemGroup {
  id: string;
  label: string;
  appliesTo(element: Element): boolean;
  fields: readonly TandemField[];
}

const VALUE_CLASS_LABELS: Record<string, string> = {
  VA: 'VA: value-added',
  BVA: 'BVA: business-value-added',
  NVA: 'NVA: non-value-added',
};

const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** Message end and throw events are delivered by an external worker, like service and send tasks. */
const isExternalTask = (element: Element): boolean =>
  is(element, 'bpmn:ServiceTask') ||
  is(element, 'bpmn:SendTask') ||
  ((is(element, 'bpmn:EndEvent') || is(element, 'bpmn:IntermediateThrowEvent')) &&
    (element.businessObject.eventDefinitions ?? []).some((definition: unknown) => is(definition, 'bpmn:MessageEventDefinition')));

/** The tandem: properties of DESIGN.md section 3, grouped as a designer thinks of them. */
export const TANDEM_GROUPS: readonly TandemGroup[] = [
  {
    id: 'tandem-lean',
    label: 'Lean classification',
    appliesTo: (element) => is(element, 'bpmn:FlowNode'),
    fields: [
      {
        property: 'valueClass',
        label: 'Value class',
        options: VALUE_CLASSES.map((value) => ({ value, label: VALUE_CLASS_LABELS[value] ?? value })),
      },
      { property: 'wasteType', label: 'Waste type', description: 'For NVA steps: which of the eight wastes', options: plain(WASTE_TYPES) },
      { property: 'stage', label: 'Stage', options: plain(STAGES) },
      { property: 'standardMinutes', label: 'Standard minutes', description: 'Expected hands-on work per case' },
    ],
  },
  {
    id: 'tandem-work',
    label: 'Human work',
    appliesTo: (element) => is(element, 'bpmn:UserTask'),
    fields: [
      { property: 'candidateGroups', label: 'Candidate groups', description: 'Comma-separated, e.g. first-line,supervisors' },
      { property: 'candidateUsers', label: 'Candidate users', description: 'Comma-separated user ids' },
      { property: 'assignee', label: 'Assignee', description: 'A user id, or FEEL starting with =' },
      { property: 'dueIn', label: 'Due in', description: 'ISO 8601 duration such as PT4H, or FEEL starting with =' },
      { property: 'followUpIn', label: 'Follow up in', description: 'When to look at it again: ISO 8601 duration, or FEEL starting with =' },
      { property: 'priority', label: 'Priority', description: '0 to 100, or FEEL starting with = (e.g. by customer tier)' },
      { property: 'escalateTo', label: 'Escalate to', description: 'The group an escalation goes to (default: the next lane), or FEEL' },
      { property: 'formKey', label: 'Form key', description: 'form:<id> of a deployed form' },
      { property: 'costPerHour', label: 'Cost per hour', description: 'Of the role doing this work' },
    ],
  },
  {
    id: 'tandem-lane',
    label: 'Tier',
    appliesTo: (element) => is(element, 'bpmn:Lane'),
    fields: [{ property: 'candidateGroups', label: 'Groups', description: 'The groups working this lane; escalations to the next lane go to them' }],
  },
  {
    id: 'tandem-cases',
    label: 'Cases',
    // The canvas root of a diagram without pools: shown when nothing is selected.
    appliesTo: (element) => is(element, 'bpmn:Process'),
    fields: [
      {
        property: 'uniqueBusinessKey',
        label: 'Unique business key',
        description: 'One case per business key across all versions; a second start answers 409 BUSINESS_KEY_TAKEN',
        options: [{ value: 'true', label: 'Yes: one case per business key' }],
      },
    ],
  },
  {
    id: 'tandem-worker',
    label: 'External worker',
    appliesTo: isExternalTask,
    fields: [
      { property: 'topic', label: 'Topic', description: 'Workers fetch and lock tasks by topic' },
      { property: 'retries', label: 'Retries', description: 'Attempts before an incident (default 3)' },
    ],
  },
];
