import type { FlowNode } from '#bpmn';

/**
 * Whose time an activity instance spends (DESIGN.md section 5: time is classified before it is
 * counted). `desk`: the service team's (queue, claimed-idle, working, and the hand-offs between
 * lanes); `designedWait`: the process waits on purpose for a date or the customer (a timer,
 * message, signal or conditional catch event, an event-based gateway, a receive task);
 * `externalSystem`: an external task, from ready until an outside worker completes it.
 * Only the desk's time is "waiting" and "working"; the other two are counted apart.
 */
export type TimeClass = 'desk' | 'designedWait' | 'externalSystem';

export const TIME_CLASSES: readonly TimeClass[] = ['desk', 'designedWait', 'externalSystem'];

const DESIGNED_WAIT_TYPES: ReadonlySet<string> = new Set(['intermediateCatchEvent', 'eventBasedGateway', 'receiveTask']);

const EXTERNAL_TYPES: ReadonlySet<string> = new Set(['serviceTask', 'sendTask']);

/**
 * The class of an element type as the step ledger records it, when nothing more is known of the
 * element. A link catch event is an intermediate catch event too, but it passes at once (no time
 * to classify). Message throw and end events, script and business-rule tasks are external tasks
 * only when the model says so (`timeClassOfNode`); by type alone they are the desk's.
 */
export const timeClassOfType = (elementType: string): TimeClass =>
  DESIGNED_WAIT_TYPES.has(elementType) ? 'designedWait' : EXTERNAL_TYPES.has(elementType) ? 'externalSystem' : 'desk';

/**
 * The class of a compiled flow node: its type, and whether a worker does it (a throw or end event
 * delivering a message, or a Camunda 8 script or business-rule task that is a job).
 */
export const timeClassOfNode = (node: FlowNode): TimeClass => {
  if (node.type === 'intermediateCatchEvent' && node.eventDefinition.type === 'link') return 'desk';
  if ('externalTask' in node && node.externalTask !== undefined) return 'externalSystem';
  return timeClassOfType(node.type);
};
