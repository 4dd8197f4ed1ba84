/**
 * The compiled, plain-data form of one executable BPMN process: what the engine runs.
 * JSON-serializable (no moddle objects, no cycles) so it can be cached or stored beside the XML.
 */
import type { FormSchema } from './forms/form-schema.js';

export type ValueClass = 'VA' | 'BVA' | 'NVA';

export const VALUE_CLASSES: readonly ValueClass[] = ['VA', 'BVA', 'NVA'];

export type WasteType = 'waiting' | 'rework' | 'overprocessing' | 'motion' | 'transport' | 'inventory' | 'overproduction' | 'unused-skill';

export const WASTE_TYPES: readonly WasteType[] = ['waiting', 'rework', 'overprocessing', 'motion', 'transport', 'inventory', 'overproduction', 'unused-skill'];

export type Stage = 'inquiry' | 'diagnosis' | 'solution' | 'follow-up';

export const STAGES: readonly Stage[] = ['inquiry', 'diagnosis', 'solution', 'follow-up'];

/** The lean classification any flow node may carry (`tandem:` attributes). */
export interface LeanAttributes {
  valueClass?: ValueClass;
  wasteType?: WasteType;
  stage?: Stage;
  /** Expected hands-on work in minutes. */
  standardMinutes?: number;
}

interface FlowNodeBase {
  id: string;
  name?: string;
  /** Sequence flow ids, in document order. */
  incoming: string[];
  outgoing: string[];
  /** The lane the node sits in (innermost), if the process has lanes; nodes inside a sub-process take its lane. */
  laneId?: string;
  lean: LeanAttributes;
  /** Ids of boundary events attached to this node. */
  boundaryEventIds: string[];
  /** The sub-process the node sits directly in; absent at the process level. */
  parentId?: string;
  /** Camunda 8's `zeebe:properties`: free name/value pairs kept for tools and people, without semantics; absent when none. */
  properties?: Record<string, string>;
}

// Event definitions

export interface TimerEventDefinition {
  type: 'timer';
  /** Exactly one of the three is set: an ISO 8601 duration, date-time or repeating interval (`R3/PT1H`), or FEEL (`=`). */
  timeDuration?: string;
  timeDate?: string;
  timeCycle?: string;
}

export interface MessageEventDefinition {
  type: 'message';
  messageName: string;
  /** FEEL (leading `=` optional) evaluated when the subscription opens (`zeebe:subscription` or `tandem:correlationKey`). */
  correlationKey?: string;
}

export interface SignalEventDefinition {
  type: 'signal';
  signalName: string;
}

export interface ErrorEventDefinition {
  type: 'error';
  /** Thrown by an error end event; on a catch, absent means it catches every error. */
  errorCode?: string;
}

export interface EscalationEventDefinition {
  type: 'escalation';
  /** Thrown by an escalation end or throw event; on a catch, absent means it catches every escalation. */
  escalationCode?: string;
}

export interface TerminateEventDefinition {
  type: 'terminate';
}

/**
 * A conditional event fires when its FEEL condition becomes true: when it starts waiting with the
 * condition true already, or when a command changes variables so that it turns true.
 */
export interface ConditionalEventDefinition {
  type: 'conditional';
  /** FEEL (leading `=` stripped). */
  condition: string;
}

/** A link throw event continues at the link catch event of the same name in the same scope. */
export interface LinkEventDefinition {
  type: 'link';
  linkName: string;
}

/**
 * Compensation. On a throw or end event: compensate the completed activities of its scope (every
 * one, or `activityRef`'s instances) and wait for their handlers. On a boundary event: the handler
 * its association links, an activity marked isForCompensation.
 */
export interface CompensateEventDefinition {
  type: 'compensate';
  activityRef?: string;
  handlerId?: string;
}

export type EventDefinition =
  | CompensateEventDefinition
  | TimerEventDefinition
  | MessageEventDefinition
  | SignalEventDefinition
  | ErrorEventDefinition
  | EscalationEventDefinition
  | TerminateEventDefinition
  | LinkEventDefinition
  | ConditionalEventDefinition;

/** Event definitions that make a token (or a start) wait for something outside the instance. */
export type WaitDefinition = TimerEventDefinition | MessageEventDefinition | SignalEventDefinition | ConditionalEventDefinition;

/** Whether an event definition makes its event wait (a timer, message, signal or condition). */
export const isWaitDefinition = (definition: EventDefinition | undefined): definition is WaitDefinition =>
  definition?.type === 'timer' || definition?.type === 'message' || definition?.type === 'signal' || definition?.type === 'conditional';

/** An external task: outside workers fetch it by topic (service and send tasks, message throw events). */
export interface ExternalTaskSettings {
  topic: string;
  /** Attempts a worker may fail before an incident is raised. */
  retries: number;
  /** Camunda 8's `zeebe:taskHeaders`: static settings handed to the worker with the task; absent when there are none. */
  headers?: Record<string, string>;
}

// Activities

/** A FEEL source expression whose value is written to a variable (dots in the target write into a context). */
export interface VariableMapping {
  source: string;
  target: string;
}

/** Input mappings create local variables of the activity; output mappings decide what it hands back to its scope. */
export interface IoMapping {
  inputs: VariableMapping[];
  outputs: VariableMapping[];
}

export interface StandardLoopCharacteristics {
  type: 'standard';
  /** FEEL: the activity repeats while it is true. */
  loopCondition?: string;
  /** Test before each iteration (while-do) instead of after (do-while). */
  testBefore: boolean;
  loopMaximum?: number;
}

export interface MultiInstanceLoopCharacteristics {
  type: 'multiInstance';
  isSequential: boolean;
  /** FEEL yielding a list: one instance per item. Either this or `loopCardinality` is set. */
  inputCollection?: string;
  /** FEEL yielding a number of instances. */
  loopCardinality?: string;
  /** The local variable holding the item of each instance. */
  inputElement?: string;
  /** The variable that receives the list of `outputElement` values, in item order. */
  outputCollection?: string;
  /** FEEL evaluated when an instance completes. */
  outputElement?: string;
  /** FEEL evaluated when an instance completes; true ends the whole activity. */
  completionCondition?: string;
}

export type LoopCharacteristics = StandardLoopCharacteristics | MultiInstanceLoopCharacteristics;

interface ActivityBase extends FlowNodeBase {
  ioMapping?: IoMapping;
  loop?: LoopCharacteristics;
  /** A compensation handler: no flow reaches it, a compensation throw runs it for each completed instance of its activity. */
  isForCompensation?: boolean;
}

// Flow nodes

export interface StartEventNode extends FlowNodeBase {
  type: 'startEvent';
  /** Absent for a none start event. */
  eventDefinition?: EventDefinition;
  /** Only an event sub-process's start event can be non-interrupting. */
  interrupting: boolean;
  /** Output mappings over the trigger's variables (a message's, a signal's, an error's); never input mappings. */
  ioMapping?: IoMapping;
}

export interface EndEventNode extends FlowNodeBase {
  type: 'endEvent';
  /** Absent for a none end event; `terminate` ends its scope, canceling every other token in it. */
  eventDefinition?: EventDefinition;
  /** A message end event is an external task: a worker delivers the message. */
  externalTask?: ExternalTaskSettings;
  ioMapping?: IoMapping;
}

/** The user task settings a model may write in another attribute than the tandem: one, by their name in the graph. */
export type UserTaskSetting = 'assignee' | 'candidateGroups' | 'candidateUsers' | 'dueIn' | 'followUpIn' | 'priority' | 'formKey';

export interface UserTaskNode extends ActivityBase {
  type: 'userTask';
  candidateGroups: string[];
  candidateUsers: string[];
  /** A FEEL expression (leading `=` optional) or a plain user id. */
  assignee?: string;
  /** ISO 8601 duration from creation to due, or a date-time with a zone (Camunda 8's dueDate), or FEEL yielding either. */
  dueIn?: string;
  /** As `dueIn`, for the follow-up date (when someone should look at the task again). */
  followUpIn?: string;
  /** 0-100, higher first: an integer or FEEL; absent takes the process's, else the default rule. */
  priority?: string;
  /** The group an escalation goes to when no escalation boundary event catches it: a group id or FEEL. */
  escalateTo?: string;
  /** `form:<id>` names a deployed form-js form (see forms/form-reference.ts); any other key is an outside app's. */
  formKey?: string;
  /** Camunda 8's `zeebe:formDefinition externalReference`: the address of a form an outside app shows. */
  externalFormReference?: string;
  /** FEEL (leading `=`) yielding the candidate groups when the task is created, a list or a comma list; `candidateGroups` is then empty. */
  candidateGroupsExpression?: string;
  /** As `candidateGroupsExpression`, for the candidate users. */
  candidateUsersExpression?: string;
  /**
   * The attribute each setting was written in, when not the `tandem:` one (e.g. `dueIn`:
   * `zeebe:taskSchedule dueDate`), so a failure names what the modeler shows.
   */
  settingAttributes?: Partial<Record<UserTaskSetting, string>>;
  /** Written with Camunda 8's `zeebe:userTask` (a Camunda user task rather than a job-based one); Tandem runs both alike. */
  zeebeUserTask?: true;
  /** A form-js schema embedded in the model (`<tandem:form>` holding its JSON), used instead of a form key. */
  form?: FormSchema;
  /** Cost of the role doing this work, per hour, for cost-per-case. */
  costPerHour?: number;
}

export interface ServiceTaskNode extends ActivityBase, ExternalTaskSettings {
  type: 'serviceTask';
  /**
   * Camunda 7's `camunda:errorEventDefinition`s: when the worker completes the task, the first whose
   * FEEL holds over the task's variables and the worker's throws its BPMN error instead.
   */
  errorEventDefinitions?: ErrorMapping[];
}

/** A BPMN error a worker's answer raises when its condition holds. */
export interface ErrorMapping {
  errorCode: string;
  /** FEEL over the variables at the task and those the worker completes with. */
  expression: string;
}

/** A send task is an external task too: a worker sends the message. */
export interface SendTaskNode extends ActivityBase, ExternalTaskSettings {
  type: 'sendTask';
}

export interface ReceiveTaskNode extends ActivityBase {
  type: 'receiveTask';
  message: MessageEventDefinition;
}

export interface ScriptTaskNode extends ActivityBase {
  type: 'scriptTask';
  /** A FEEL expression. */
  script: string;
  /** The variable the result is written to; without it the result is discarded. */
  resultVariable?: string;
  /** Camunda 8's job worker implementation (`zeebe:taskDefinition`): an external task of its type instead of a script. */
  externalTask?: ExternalTaskSettings;
}

/**
 * Evaluates a DMN decision (deployed on its own or beside the BPMN, latest version) with the variables
 * visible at the task and completes at once; the result goes to `resultVariable`.
 */
export interface BusinessRuleTaskNode extends ActivityBase {
  type: 'businessRuleTask';
  /** The id of the decision to evaluate: plain text, or FEEL starting with `=`. */
  decisionRef: string;
  /** The variable the decision result is written to; without it the result is discarded. */
  resultVariable?: string;
  /**
   * Camunda 7's shape of the result (`camunda:mapDecisionResult`, `resultList` when a model names its
   * decision with `camunda:decisionRef` and sets none); absent: the output as DMN gives it.
   */
  mapDecisionResult?: DecisionResultMapping;
  /** Camunda 8's job worker implementation (`zeebe:taskDefinition`): an external task of its type instead of a decision. */
  externalTask?: ExternalTaskSettings;
}

export type DecisionResultMapping = 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';
export const DECISION_RESULT_MAPPINGS: readonly DecisionResultMapping[] = ['singleEntry', 'singleResult', 'collectEntries', 'resultList'];

/** An undefined task or a manual task: nothing for the engine to do, the token passes. */
export interface PassThroughTaskNode extends ActivityBase {
  type: 'task' | 'manualTask';
}

export interface SubProcessNode extends ActivityBase {
  type: 'subProcess';
  /** An event sub-process is started by its start event's trigger, never by a sequence flow. */
  triggeredByEvent: boolean;
  /** The none start event of an embedded sub-process; the triggered start event of an event sub-process. */
  startEventId: string;
  /** The event sub-processes directly inside it. */
  eventSubProcessIds: string[];
}

/**
 * An ad-hoc sub-process (Camunda 8 semantics): a scope whose inner elements have no start event;
 * on entry it activates the ones `activeElementsCollection` names, and it completes when a path
 * inside ends and either nothing is left inside (no completion condition) or the condition holds.
 */
export interface AdHocSubProcessNode extends ActivityBase {
  type: 'adHocSubProcess';
  /** FEEL yielding the ids of the inner elements to activate on entry (`zeebe:adHoc` or `tandem:adHoc`); absent activates none. */
  activeElementsCollection?: string;
  /** FEEL evaluated each time a path inside ends; true completes the sub-process. */
  completionCondition?: string;
  /** When the completion condition holds: cancel the inner instances still active (true), or wait for them. */
  cancelRemainingInstances: boolean;
  /** The inner elements that can be activated: those without an incoming sequence flow (boundary events and handlers aside). */
  activatableElementIds: string[];
}

/** The newest version, a numbered one, or the newest carrying a tag (Camunda 8's `bindingType="versionTag"`). */
export type CalledProcessBinding = 'latest' | { version: number } | { versionTag: string };

export interface CallActivityNode extends ActivityBase {
  type: 'callActivity';
  /** The key of the process to start: plain text, or FEEL starting with `=`. */
  processKey: string;
  binding: CalledProcessBinding;
  /** FEEL for the child's business key; absent passes the instance's own business key down. */
  businessKey?: string;
  /** Pass every visible variable to the child (true) or only the input mappings' (false). */
  propagateAllParentVariables: boolean;
  /**
   * Without output mappings, hand every variable of the ended child back (true) or none (false:
   * Camunda 8's `propagateAllChildVariables="false"`); with output mappings only what they map.
   */
  propagateAllChildVariables: boolean;
}

export interface ExclusiveGatewayNode extends FlowNodeBase {
  type: 'exclusiveGateway';
  defaultFlowId?: string;
}

export interface InclusiveGatewayNode extends FlowNodeBase {
  type: 'inclusiveGateway';
  defaultFlowId?: string;
}

export interface ParallelGatewayNode extends FlowNodeBase {
  type: 'parallelGateway';
}

/** Waits for the first of the catch events its flows lead to. */
export interface EventBasedGatewayNode extends FlowNodeBase {
  type: 'eventBasedGateway';
}

export interface IntermediateCatchEventNode extends FlowNodeBase {
  type: 'intermediateCatchEvent';
  eventDefinition: WaitDefinition | LinkEventDefinition;
  ioMapping?: IoMapping;
}

export interface IntermediateThrowEventNode extends FlowNodeBase {
  type: 'intermediateThrowEvent';
  /** Absent for a none throw event (a milestone). */
  eventDefinition?: EventDefinition;
  /** A message throw event is an external task: a worker delivers the message. */
  externalTask?: ExternalTaskSettings;
  ioMapping?: IoMapping;
}

export interface BoundaryEventNode extends FlowNodeBase {
  type: 'boundaryEvent';
  attachedToId: string;
  /** Interrupting (true) cancels the activity it is attached to. */
  cancelActivity: boolean;
  eventDefinition: EventDefinition;
  /** Output mappings over the trigger's variables (a message's, a signal's, a worker's error's); never input mappings. */
  ioMapping?: IoMapping;
}

export type FlowNode =
  | StartEventNode
  | EndEventNode
  | UserTaskNode
  | ServiceTaskNode
  | SendTaskNode
  | ReceiveTaskNode
  | ScriptTaskNode
  | BusinessRuleTaskNode
  | PassThroughTaskNode
  | SubProcessNode
  | AdHocSubProcessNode
  | CallActivityNode
  | ExclusiveGatewayNode
  | InclusiveGatewayNode
  | ParallelGatewayNode
  | EventBasedGatewayNode
  | IntermediateCatchEventNode
  | IntermediateThrowEventNode
  | BoundaryEventNode;

export type FlowNodeType = FlowNode['type'];

export type ActivityNode =
  | UserTaskNode
  | ServiceTaskNode
  | SendTaskNode
  | ReceiveTaskNode
  | ScriptTaskNode
  | BusinessRuleTaskNode
  | PassThroughTaskNode
  | SubProcessNode
  | AdHocSubProcessNode
  | CallActivityNode;

const ACTIVITY_TYPES: ReadonlySet<FlowNodeType> = new Set([
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'scriptTask',
  'businessRuleTask',
  'task',
  'manualTask',
  'subProcess',
  'adHocSubProcess',
  'callActivity',
]);

export const isActivity = (node: FlowNode): node is ActivityNode => ACTIVITY_TYPES.has(node.type);

/** Whether an element type (as the step ledger records it) is an activity: work, not an event or gateway. */
export const isActivityType = (type: string): boolean => ACTIVITY_TYPES.has(type as FlowNodeType);

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition (leading `=` stripped); absent means unconditional. */
  condition?: string;
  /** Camunda 8's `zeebe:properties`; absent when none. */
  properties?: Record<string, string>;
}

export interface Lane {
  id: string;
  name?: string;
  flowNodeIds: string[];
  /** The groups working this lane (`tandem:candidateGroups` on the lane), where an escalation to the next lane goes. */
  candidateGroups?: string[];
}

/** A JUEL expression of the model and the FEEL it runs as: the original is kept beside the translation. */
export interface TranslatedExpression {
  elementId: string;
  /** The setting it sits in: `condition`, `camunda:assignee`, `input 'amount'`, `timeDuration`... */
  field: string;
  juel: string;
  feel: string;
}

export interface ProcessGraph {
  /** The process id in the XML: the key versions are grouped by. */
  key: string;
  name?: string;
  /**
   * Absent for a process that runs. False for a documentation-only model (every process
   * `isExecutable="false"`): a version to open, diff, classify and simulate, never to start.
   */
  executable?: false;
  /** The JUEL expressions of a Camunda 7 model and the FEEL each runs as (the original kept beside the translation); absent when none. */
  translations?: TranslatedExpression[];
  /** `tandem:priority` on the process: its user tasks' priority unless a task sets its own. */
  priority?: string;
  /** Camunda 8's `zeebe:properties` on the process; absent when none. */
  properties?: Record<string, string>;
  /** `tandem:uniqueBusinessKey="true"` on the process: a second case with a business key already taken is refused (BUSINESS_KEY_TAKEN). */
  uniqueBusinessKey?: true;
  /** `tandem:segments="channel,category"` on the process: the case variables each case's analytics facts keep, to filter reports by. */
  segments?: string[];
  /** Camunda 8's `<zeebe:versionTag value>` on the process: the tag its new version gets unless the deployment names one. */
  versionTag?: string;
  /** The none start event `startInstance` begins at by default; absent when every start event has a trigger. */
  startEventId?: string;
  /**
   * Every start event at the process level, the none start event first. Message, signal and timer
   * start events are the app's to watch (subscriptions, process-level timer jobs); it then starts
   * the instance at that start event.
   */
  startEventIds: string[];
  /** The event sub-processes at the process level. */
  eventSubProcessIds: string[];
  /** Every flow node, sub-process contents included (see `parentId`). */
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  lanes: Lane[];
}

/** The longest version tag: long enough for "to-be (pilot north)", short enough to fit a picker's label. */
export const MAX_VERSION_TAG_LENGTH = 40;
