import type { ModdleElement } from 'bpmn-moddle';
import { isJuel, startsAsJuel, translateJuel } from '../juel/juel-to-feel.js';
import { namespacePrefix } from '../parse/extension-attributes.js';
import type { Problem } from '../problem.js';
import { DECISION_RESULT_MAPPINGS, type DecisionResultMapping, type TranslatedExpression } from '../process-graph.js';
import { describe, processesOf, viewProcess } from '../validate/process-view.js';
import { problemFor } from '../validate/rule.js';

export const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

/** A Java delegate turned into an external task by `?convert=external-tasks`. */
export interface DelegateConversion {
  elementId: string;
  /** The attribute that named the Java code. */
  attribute: 'camunda:class' | 'camunda:delegateExpression' | 'camunda:expression';
  value: string;
  /** The topic a worker now fetches the task by. */
  topic: string;
}

export interface Camunda7Options {
  /** Convert Java delegates into external tasks (topic: the class's simple name) instead of refusing them. */
  convertDelegates?: boolean;
  /** False: find the problems and translations, leave the model as it is. */
  rewrite?: boolean;
}

export interface Camunda7Reading {
  problems: Problem[];
  translations: TranslatedExpression[];
  conversions: DelegateConversion[];
}

const attributeProblem = problemFor('camunda-7');
const juelProblem = problemFor('juel-expression');

/** Read as they are: these mean what Tandem's own settings mean (see extension-attributes.ts) or nothing that changes a run. */
const ACCEPTED_ATTRIBUTES = new Set([
  // Tasks and their people
  'assignee',
  'candidateUsers',
  'candidateGroups',
  'dueDate',
  'followUpDate',
  'priority',
  'formKey',
  'formRef',
  'formRefBinding',
  'formRefVersion',
  // External tasks and decisions
  'type',
  'topic',
  'taskPriority',
  'decisionRef',
  'decisionRefBinding',
  'decisionRefVersion',
  'decisionRefVersionTag',
  'decisionRefTenantId',
  'mapDecisionResult',
  'resultVariable',
  // Call activities
  'calledElementBinding',
  'calledElementVersion',
  'calledElementVersionTag',
  'calledElementTenantId',
  // Multi-instance
  'collection',
  'elementVariable',
  // Transaction boundaries and job settings: Tandem commits every command in one transaction anyway (see the migration guide)
  'asyncBefore',
  'asyncAfter',
  'async',
  'exclusive',
  'jobPriority',
  // Process settings that change no run
  'versionTag',
  'historyTimeToLive',
  'isStartableInTasklist',
  'candidateStarterGroups',
  'candidateStarterUsers',
  'modelerTemplate',
  'modelerTemplateVersion',
  // Conditional events (the conditional-event rule refuses the variable filters)
  'variableName',
  'variableEvents',
  // Error and escalation variables on events
  'errorCodeVariable',
  'errorMessageVariable',
  'escalationCodeVariable',
]);

/** Attributes that name Java code. */
const DELEGATES = ['class', 'delegateExpression', 'expression'] as const;

/** Extension elements that change no run, accepted and ignored. */
const IGNORED_EXTENSIONS = new Set(['properties', 'failedjobretrytimecycle']);

/** The elements a worker can take over: Java delegates there become external tasks. */
const DELEGATE_HOSTS = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:IntermediateThrowEvent', 'bpmn:EndEvent']);

/**
 * Reads the Camunda 7 dialect of a model made with Camunda Modeler into Tandem's own, before
 * validation, so every rule and the compiler see one dialect: JUEL becomes FEEL (written where the
 * FEEL goes: a condition's body, a `camunda:` attribute as `= ...`, `camunda:inputOutput` as
 * Tandem's input/output mappings), and Java delegates become external tasks when asked. What it
 * cannot translate is a problem naming the element, the text and what to write instead. In a
 * document that does not bind the camunda namespace only the standard expressions written as JUEL
 * (conditions, timers, loops: `${...}` is never FEEL) are translated.
 */
export function readCamunda7(definitions: ModdleElement, options: Camunda7Options = {}): Camunda7Reading {
  const reading: Camunda7Reading = { problems: [], translations: [], conversions: [] };
  for (const process of processesOf(definitions)) {
    const view = viewProcess(process);
    const context = new Reader(reading, options);
    context.attributes(process);
    for (const flow of view.sequenceFlows) context.sequenceFlow(flow);
    for (const node of view.flowNodes) context.flowNode(node);
  }
  return reading;
}

class Reader {
  constructor(
    private readonly reading: Camunda7Reading,
    private readonly options: Camunda7Options,
  ) {}

  sequenceFlow(flow: ModdleElement): void {
    this.attributes(flow);
    const condition: ModdleElement | undefined = flow.conditionExpression;
    if (!condition) return;
    const language = String(condition.language ?? '').toLowerCase();
    if (namespacePrefix(flow, CAMUNDA_NAMESPACE) && language !== '' && language !== 'juel' && language !== 'feel') {
      this.reading.problems.push(
        juelProblem(
          'error',
          flow,
          `The condition of ${describe(flow)} is a ${condition.language} script, which Tandem does not run: write it as an expression, \${...} (JUEL) or FEEL.`,
        ),
      );
      return;
    }
    this.expression(flow, 'condition', condition.body, (feel) => this.mutate(() => (condition.body = feel)), false);
  }

  /** The camunda: settings of a node, and its standard expressions (events, loops) when they are JUEL. */
  flowNode(node: ModdleElement): void {
    const prefix = namespacePrefix(node, CAMUNDA_NAMESPACE);
    if (prefix) this.camundaSettings(node, prefix);
    this.standardExpressions(node, prefix);
  }

  private camundaSettings(node: ModdleElement, prefix: string): void {
    this.attributes(node);
    this.extensions(node);
    if (node.$type === 'bpmn:UserTask') {
      for (const name of ['assignee', 'dueDate', 'followUpDate', 'priority']) this.attributeExpression(node, prefix, name);
      for (const name of ['candidateUsers', 'candidateGroups']) this.literalList(node, prefix, name);
      this.dueDate(node, prefix);
      // A Camunda Form (form-js) by its id is a deployed form-js form to Tandem too.
      const formRef: string | undefined = attrs(node)[`${prefix}:formRef`];
      if (formRef && attrs(node)[`${prefix}:formKey`] === undefined) this.mutate(() => (attrs(node)[`${prefix}:formKey`] = `form:${formRef.trim()}`));
    }
    if (DELEGATE_HOSTS.has(node.$type)) this.delegate(node, prefix);
    if (node.$type === 'bpmn:CallActivity') this.callMappings(node, prefix);
    const mapping: string | undefined = attrs(node)[`${prefix}:mapDecisionResult`];
    if (mapping !== undefined && !DECISION_RESULT_MAPPINGS.includes(mapping.trim() as DecisionResultMapping)) {
      this.reading.problems.push(
        attributeProblem('error', node, `The camunda:mapDecisionResult "${mapping}" of ${describe(node)} must be one of ${DECISION_RESULT_MAPPINGS.join(', ')}.`),
      );
    }
  }

  private standardExpressions(node: ModdleElement, prefix: string | undefined): void {
    for (const definition of (node.eventDefinitions ?? []) as ModdleElement[]) {
      if (definition.$type === 'bpmn:TimerEventDefinition') {
        for (const setting of ['timeDuration', 'timeDate', 'timeCycle']) {
          const expression: ModdleElement | undefined = definition[setting];
          if (expression) this.expression(node, setting, expression.body, (feel) => this.mutate(() => (expression.body = `= ${feel}`)), true);
        }
      }
      if (definition.$type === 'bpmn:ConditionalEventDefinition' && definition.condition) {
        this.expression(node, 'condition', definition.condition.body, (feel) => this.mutate(() => (definition.condition.body = feel)), false);
      }
    }
    this.loop(node, prefix);
  }

  /** Every camunda: attribute must be one Tandem reads or knows to change nothing; Java delegates are checked apart. */
  attributes(element: ModdleElement): void {
    const prefix = namespacePrefix(element, CAMUNDA_NAMESPACE);
    if (!prefix) return;
    for (const key of Object.keys(element.$attrs ?? {})) {
      if (!key.startsWith(`${prefix}:`)) continue;
      const local = key.slice(prefix.length + 1);
      if (ACCEPTED_ATTRIBUTES.has(local) || (DELEGATES as readonly string[]).includes(local)) continue;
      const advice = ATTRIBUTE_ADVICE[local] ?? 'which Tandem does not know; remove it (see docs/migrating-from-camunda-7.md)';
      this.reading.problems.push(
        attributeProblem(IGNORED_WITH_WARNING.has(local) ? 'warning' : 'error', element, `${describe(element)} has the attribute camunda:${local}, ${advice}.`),
      );
    }
  }

  /** Listeners run Java code or scripts at events; a connector calls out from the engine; forms by fields are Camunda's own. */
  private extensions(node: ModdleElement): void {
    for (const extension of (node.extensionElements?.values ?? []) as ModdleElement[]) {
      const [prefix, local = ''] = extension.$type.split(':');
      if (prefix !== namespacePrefix(node, CAMUNDA_NAMESPACE)) continue;
      const name = local.toLowerCase();
      if (IGNORED_EXTENSIONS.has(name)) continue;
      if (name === 'inputoutput') {
        this.inputOutput(node, extension);
        continue;
      }
      // A call activity's variables in and out: callMappings reads them.
      if ((name === 'in' || name === 'out') && node.$type === 'bpmn:CallActivity') continue;
      if (name === 'erroreventdefinition' && node.$type === 'bpmn:ServiceTask') {
        this.errorEventDefinition(node, extension);
        continue;
      }
      const severity = IGNORED_WITH_WARNING.has(name) ? 'warning' : 'error';
      this.reading.problems.push(
        attributeProblem(severity, node, `${describe(node)} has <camunda:${local}>, ${EXTENSION_ADVICE[name] ?? 'which Tandem does not run; remove it'}.`),
      );
    }
  }

  private attributeExpression(node: ModdleElement, prefix: string, name: string): void {
    const key = `${prefix}:${name}`;
    const text: string | undefined = attrs(node)[key];
    if (text !== undefined) this.expression(node, `camunda:${name}`, text, (feel) => this.mutate(() => (attrs(node)[key] = `= ${feel}`)), true);
  }

  /** Camunda 7 takes a due or follow-up date as an ISO 8601 date-time; Tandem's setting is a duration or FEEL, which may yield a date-time. */
  private dueDate(node: ModdleElement, prefix: string): void {
    for (const name of ['dueDate', 'followUpDate']) {
      const key = `${prefix}:${name}`;
      const text: string | undefined = attrs(node)[key];
      if (text !== undefined && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.test(text.trim())) this.mutate(() => (attrs(node)[key] = `= date and time("${text.trim()}")`));
    }
  }

  /** Candidate users and groups are literal lists in Tandem: an expression cannot choose them. */
  private literalList(node: ModdleElement, prefix: string, name: string): void {
    const text: string | undefined = attrs(node)[`${prefix}:${name}`];
    if (text === undefined || !isJuel(text)) return;
    this.reading.problems.push(
      juelProblem(
        'error',
        node,
        `The camunda:${name} of ${describe(node)} is an expression, "${text}"; Tandem's candidates are a list of names: write them out (e.g. "first-line, second-line"), or choose the person with camunda:assignee="\${...}".`,
      ),
    );
  }

  /** Java code on a task: refused naming the topic it would have as an external task, or converted to that. */
  private delegate(node: ModdleElement, prefix: string): void {
    for (const local of DELEGATES) {
      const value: string | undefined = attrs(node)[`${prefix}:${local}`];
      if (value === undefined) continue;
      const topic = topicFor(local, value);
      const attribute = `camunda:${local}` as DelegateConversion['attribute'];
      if (!this.options.convertDelegates) {
        this.reading.problems.push(
          attributeProblem(
            'error',
            node,
            `${describe(node)} runs Java code (${attribute}="${value}"), which Tandem does not run: turn this into an external task with topic ${topic} ` +
              `(camunda:type="external" camunda:topic="${topic}") and let a worker do the work, or deploy with ?convert=external-tasks to convert it.`,
          ),
        );
        continue;
      }
      this.mutate(() => {
        delete attrs(node)[`${prefix}:${local}`];
        attrs(node)[`${prefix}:type`] = 'external';
        attrs(node)[`${prefix}:topic`] = topic;
      });
      this.reading.conversions.push({ elementId: node.id, attribute, value, topic });
    }
  }

  /** Multi-instance: camunda:collection (a variable name or JUEL) and camunda:elementVariable; loop cardinality and completion condition bodies. */
  private loop(node: ModdleElement, prefix: string | undefined): void {
    const loop: ModdleElement | undefined = node.loopCharacteristics;
    if (!loop) return;
    for (const setting of ['loopCardinality', 'completionCondition', 'loopCondition']) {
      const expression: ModdleElement | undefined = loop[setting];
      if (expression) this.expression(node, setting, expression.body, (feel) => this.mutate(() => (expression.body = feel)), false);
    }
    if (!prefix) return;
    const collection: string | undefined = attrs(loop)[`${prefix}:collection`];
    const elementVariable: string | undefined = attrs(loop)[`${prefix}:elementVariable`];
    if (collection === undefined && elementVariable === undefined) return;
    const settings: Record<string, string> = {};
    if (collection !== undefined) {
      if (isJuel(collection)) this.expression(node, 'camunda:collection', collection, (feel) => (settings.inputCollection = `= ${feel}`), true);
      else settings.inputCollection = `= ${collection.trim()}`;
    }
    if (elementVariable !== undefined) settings.inputElement = elementVariable.trim();
    this.mutate(() => addExtension(loop, { $type: 'tandem:loopCharacteristics', ...settings }));
  }

  /**
   * `<camunda:in>` / `<camunda:out>` of a call activity: `source` or `sourceExpression` to `target`
   * become input and output mappings, `variables="all"` passes every variable, and the business key
   * goes down as Tandem passes it anyway (`#{execution.processBusinessKey}`) or as its translation.
   * Camunda passes only what they name: without `variables="all"` in, so does Tandem.
   */
  private callMappings(node: ModdleElement, prefix: string): void {
    const values = (node.extensionElements?.values ?? []) as ModdleElement[];
    const ofKind = (kind: string) => values.filter((value) => value.$type.toLowerCase() === `${prefix}:${kind}`.toLowerCase());
    const [ins, outs] = [ofKind('in'), ofKind('out')];
    if (ins.length + outs.length === 0) return;
    const mappings: Array<Record<string, unknown>> = [];
    const all = { in: false, out: false };
    for (const [kind, list] of [['in', ins] as const, ['out', outs] as const]) {
      for (const mapping of list) {
        if (mapping.variables === 'all') {
          all[kind] = true;
          continue;
        }
        if (kind === 'in' && mapping.businessKey !== undefined) {
          this.businessKey(node, prefix, String(mapping.businessKey));
          continue;
        }
        const target = String(mapping.target ?? '').trim();
        const source = this.callMappingSource(node, `camunda:${kind} to '${target}'`, mapping);
        if (source !== undefined) mappings.push({ $type: kind === 'in' ? 'tandem:input' : 'tandem:output', source, target });
      }
    }
    if (all.out && mappings.some((mapping) => mapping.$type === 'tandem:output')) {
      this.reading.problems.push(
        attributeProblem(
          'error',
          node,
          `${describe(node)} has <camunda:out variables="all"> beside single camunda:out mappings; Tandem hands back either every variable of the called process or the mapped ones: keep one.`,
        ),
      );
    }
    this.mutate(() => {
      attrs(node)[`${prefix}:propagateAllParentVariables`] = String(all.in);
      if (mappings.length > 0) addMappings(node, mappings);
    });
  }

  /** A camunda:in or camunda:out's value: `source` names a variable, `sourceExpression` is JUEL. */
  private callMappingSource(node: ModdleElement, field: string, mapping: ModdleElement): string | undefined {
    if (mapping.sourceExpression !== undefined) {
      let translated: string | undefined;
      this.expression(node, field, String(mapping.sourceExpression), (feel) => (translated = feel), true);
      return translated;
    }
    const source = String(mapping.source ?? '').trim();
    if (/^[A-Za-z_]\w*$/.test(source)) return source;
    this.reading.problems.push(
      attributeProblem('error', node, `The ${field} of ${describe(node)} has source "${source}", which is not a variable name; use sourceExpression="\${...}".`),
    );
    return undefined;
  }

  private businessKey(node: ModdleElement, prefix: string, text: string): void {
    // The caller's own business key is what a called process gets without being told.
    if (/^[$#]\{\s*execution\.processBusinessKey\s*\}$/.test(text.trim())) return;
    this.expression(node, 'camunda:in businessKey', text, (feel) => this.mutate(() => (attrs(node)[`${prefix}:businessKey`] = `= ${feel}`)), true);
  }

  /**
   * `<camunda:errorEventDefinition errorRef expression>` on an external service task: the BPMN error
   * its worker's answer raises when the expression holds (JUEL translated).
   */
  private errorEventDefinition(node: ModdleElement, definition: ModdleElement): void {
    const errorRef = String(definition.errorRef ?? '').trim();
    const error = definitionsOf(node)?.rootElements?.find((element: ModdleElement) => element.$type === 'bpmn:Error' && element.id === errorRef);
    const code = error?.errorCode === undefined ? undefined : String(error.errorCode).trim();
    if (!code) {
      this.reading.problems.push(
        attributeProblem('error', node, `The camunda:errorEventDefinition of ${describe(node)} refers to error "${errorRef}", which is no <error> with an errorCode in the model.`),
      );
      return;
    }
    const text = definition.expression === undefined ? '' : String(definition.expression);
    if (!isJuel(text)) {
      this.reading.problems.push(
        attributeProblem(
          'error',
          node,
          `The camunda:errorEventDefinition of ${describe(node)} for error "${code}" needs an expression, \${...}, saying when the worker's answer raises it.`,
        ),
      );
      return;
    }
    this.expression(
      node,
      `camunda:errorEventDefinition '${code}'`,
      text,
      (feel) => this.mutate(() => addExtension(node, { $type: 'tandem:errorEventDefinition', errorCode: code, expression: feel })),
      false,
    );
  }

  /** `<camunda:inputOutput>`: parameters as text (a string, or JUEL), `<camunda:map>` and `<camunda:list>`; never a script. */
  private inputOutput(node: ModdleElement, extension: ModdleElement): void {
    const mappings: Array<Record<string, unknown>> = [];
    for (const parameter of (extension.$children ?? []) as ModdleElement[]) {
      const kind = parameter.$type.split(':')[1]?.toLowerCase();
      if (kind !== 'inputparameter' && kind !== 'outputparameter') continue;
      const target = String(parameter.name ?? '').trim();
      const field = `${kind === 'inputparameter' ? 'input' : 'output'} '${target}'`;
      const source = this.parameterValue(node, field, parameter);
      if (source !== undefined) mappings.push({ $type: kind === 'inputparameter' ? 'tandem:input' : 'tandem:output', source, target });
    }
    if (mappings.length > 0) this.mutate(() => addMappings(node, mappings));
  }

  /** The FEEL of a parameter's value; undefined when it cannot be translated (a problem says why). */
  private parameterValue(node: ModdleElement, field: string, value: ModdleElement): string | undefined {
    const [child] = (value.$children ?? []) as ModdleElement[];
    const kind = child?.$type.split(':')[1]?.toLowerCase();
    if (kind === 'script') {
      this.reading.problems.push(
        juelProblem('error', node, `The ${field} of ${describe(node)} is a script, which Tandem does not run: write the value as \${...} (JUEL) or FEEL.`),
      );
      return undefined;
    }
    if (kind === 'map') {
      const entries = ((child!.$children ?? []) as ModdleElement[]).map((entry) => {
        const source = this.parameterValue(node, `${field} entry '${entry.key}'`, entry);
        return source === undefined ? undefined : `${feelString(String(entry.key ?? ''))}: ${source}`;
      });
      return entries.includes(undefined) ? undefined : `{${entries.join(', ')}}`;
    }
    if (kind === 'list') {
      const items = ((child!.$children ?? []) as ModdleElement[]).map((item, index) => this.parameterValue(node, `${field} item ${index + 1}`, item));
      return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
    }
    const text: string | undefined = value.$body;
    if (text === undefined || text.trim() === '') return 'null';
    if (!isJuel(text)) return feelString(text);
    let translated: string | undefined;
    this.expression(node, field, text, (feel) => (translated = feel), true);
    return translated;
  }

  /** Changes the model, unless only the findings are wanted (the modeler validates the diagram it shows). */
  private mutate(change: () => void): void {
    if (this.options.rewrite !== false) change();
  }

  /** Translates a JUEL text where it sits; text without `${...}` is left as it is. */
  private expression(element: ModdleElement, field: string, text: string | undefined, apply: (feel: string) => void, quote: boolean): void {
    if (text === undefined || !isJuel(text)) return;
    // Without the camunda namespace a setting is FEEL, which may hold `${` in a string: only a text that is JUEL from its start is.
    if (!namespacePrefix(element, CAMUNDA_NAMESPACE) && !startsAsJuel(text)) return;
    const result = translateJuel(text.trim());
    if (!result.translated) {
      this.reading.problems.push(juelProblem('error', element, `The ${field} of ${describe(element)}, "${text.trim()}", cannot run: ${result.reason}. Instead, ${result.advice}.`));
      return;
    }
    apply(result.feel);
    this.reading.translations.push({ elementId: element.id, field, juel: text.trim(), feel: quote ? `= ${result.feel}` : result.feel });
  }
}

/**
 * Settings Tandem does not carry out, but whose absence leaves the rest of the model meaningful: a
 * warning says what is not done and what to do instead, and the model deploys. Everything else
 * Tandem cannot do (Java code, connectors, scripts) is an error.
 */
const IGNORED_WITH_WARNING = new Set(['initiator', 'executionlistener', 'tasklistener', 'formdata', 'in', 'out', 'erroreventdefinition']);

/** Attributes Tandem does not carry out, with what to do instead. */
const ATTRIBUTE_ADVICE: Record<string, string> = {
  initiator: 'which stores the starting user in a variable; Tandem does not, so pass the user as a variable when the case starts',
  formHandlerClass: 'which runs Java code, which Tandem does not run: use a form-js form (camunda:formRef)',
  variableMappingClass: 'which runs Java code, which Tandem does not run: use input and output mappings (camunda:inputOutput)',
  variableMappingDelegateExpression: 'which runs Java code, which Tandem does not run: use input and output mappings (camunda:inputOutput)',
  resource: 'which names a script resource, which Tandem does not run: write the expression inline as ${...} (JUEL) or FEEL',
};

const EXTENSION_ADVICE: Record<string, string> = {
  executionlistener:
    'a listener that runs Java code or a script, which Tandem does not run (it is skipped): move the work into an external task (a service task with camunda:type="external") before or after',
  tasklistener: 'a listener that runs Java code or a script, which Tandem does not run (it is skipped): move the work into an external task before or after the user task',
  connector:
    'a connector the engine would call, which Tandem does not run: make it an external task (camunda:type="external" camunda:topic="...") and call the service from the worker',
  formdata: 'a generated form, which Tandem does not render (it is skipped): use a form-js form (camunda:formRef, or an embedded tandem:form)',
  in: 'which Tandem reads on a call activity only (here it is skipped)',
  out: 'which Tandem reads on a call activity only (here it is skipped)',
  erroreventdefinition: 'which Tandem reads on a service task only (here it is skipped): let the worker report a BPMN error (POST /api/external-tasks/{id}/bpmn-error)',
};

/** `com.acme.CheckCredit` -> `CheckCredit`; `${creditCheck}` -> `creditCheck`; `${orderService.ship(order)}` -> `orderService.ship`. */
export function topicFor(attribute: (typeof DELEGATES)[number], value: string): string {
  if (attribute === 'class') return value.trim().split('.').pop() || value.trim();
  const path = /[$#]\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/.exec(value)?.[1];
  return path ?? value.replace(/[$#{}()\s]/g, '');
}

/** The definitions element a model element sits in. */
const definitionsOf = (element: ModdleElement): ModdleElement | undefined => {
  let node: ModdleElement | undefined = element;
  while (node && node.$type !== 'bpmn:Definitions') node = node.$parent;
  return node;
};

/** The raw attributes of an element, by their prefixed names. */
const attrs = (element: ModdleElement): Record<string, string> => (element.$attrs ??= {});

const feelString = (value: string): string => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Adds input and output mappings to the element's Tandem mappings (one `tandem:ioMapping`, made here). */
function addMappings(element: ModdleElement, mappings: Array<Record<string, unknown>>): void {
  const values = (element.extensionElements?.values ?? []) as ModdleElement[];
  const made = values.find((value) => value.$type === 'tandem:ioMapping' && Array.isArray(value.$children));
  if (made) made.$children.push(...mappings);
  else addExtension(element, { $type: 'tandem:ioMapping', $children: mappings });
}

/** Adds a raw extension element, as the reader leaves elements of a namespace without a descriptor. */
function addExtension(element: ModdleElement, extension: Record<string, unknown>): void {
  element.extensionElements ??= { $type: 'bpmn:ExtensionElements', values: [] };
  element.extensionElements.values ??= [];
  element.extensionElements.values.push(extension);
}
