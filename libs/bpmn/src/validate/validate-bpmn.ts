import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../problem.js';
import { isDocumentationOnly, isExecutable, processesOf, viewProcess } from './process-view.js';
import type { ValidationContext, ValidationRule } from './rule.js';
import { adHocSubProcess } from './rules/ad-hoc-sub-process.js';
import { boundaryEvent } from './rules/boundary-event.js';
import { businessRuleTask } from './rules/business-rule-task.js';
import { calledElement } from './rules/called-element.js';
import { camunda8 } from './rules/camunda-8.js';
import { compensation } from './rules/compensation.js';
import { conditionPlacement } from './rules/condition-placement.js';
import { conditionalEvent } from './rules/conditional-event.js';
import { connectorJob } from './rules/connector-job.js';
import { eventBasedGateway } from './rules/event-based-gateway.js';
import { exclusiveGateway } from './rules/exclusive-gateway.js';
import { executableProcess } from './rules/executable-process.js';
import { feelExpression } from './rules/feel-expression.js';
import { flowNodeConnected } from './rules/flow-node-connected.js';
import { inclusiveGateway } from './rules/inclusive-gateway.js';
import { ioMapping } from './rules/io-mapping.js';
import { leanAttributes } from './rules/lean-attributes.js';
import { linkEvent } from './rules/link-event.js';
import { messageEvent } from './rules/message-event.js';
import { scriptTask } from './rules/script-task.js';
import { sequenceFlow } from './rules/sequence-flow.js';
import { signalEvent } from './rules/signal-event.js';
import { startEvent } from './rules/start-event.js';
import { supportedElement } from './rules/supported-element.js';
import { taskAttributes } from './rules/task-attributes.js';
import { errorEvent, escalationEvent } from './rules/thrown-code.js';
import { timerEvent } from './rules/timer-event.js';
import { userTaskForm } from './rules/user-task-form.js';
import { zeebeDeploymentSettings } from './rules/zeebe-deployment-settings.js';

export const RULES: readonly ValidationRule[] = [
  executableProcess,
  supportedElement,
  startEvent,
  sequenceFlow,
  flowNodeConnected,
  exclusiveGateway,
  inclusiveGateway,
  eventBasedGateway,
  conditionPlacement,
  feelExpression,
  ioMapping,
  timerEvent,
  boundaryEvent,
  compensation,
  adHocSubProcess,
  errorEvent,
  escalationEvent,
  linkEvent,
  messageEvent,
  signalEvent,
  conditionalEvent,
  taskAttributes,
  connectorJob,
  userTaskForm,
  businessRuleTask,
  camunda8,
  scriptTask,
  calledElement,
  zeebeDeploymentSettings,
  leanAttributes,
];

/**
 * Runs every rule over the executable processes; browser-safe so the modeler validates live with the
 * same code. A documentation-only model is checked as if it were executable, so the designer sees
 * what stands between it and a run, but nothing found stops it from deploying: errors become warnings.
 */
export function validateBpmn(definitions: ModdleElement): Problem[] {
  const documentationOnly = isDocumentationOnly(definitions);
  const context: ValidationContext = {
    definitions,
    processes: processesOf(definitions)
      .filter((process) => documentationOnly || isExecutable(process))
      .map(viewProcess),
  };
  return documentationAware(
    definitions,
    RULES.flatMap((rule) => rule.check(context)),
  );
}

/** In a documentation-only model nothing stops the deploy: its errors are warnings. */
export const documentationAware = (definitions: ModdleElement, problems: Problem[]): Problem[] =>
  isDocumentationOnly(definitions) ? problems.map(asDocumentationWarning) : problems;

const asDocumentationWarning = (problem: Problem): Problem =>
  problem.severity === 'error' ? { ...problem, severity: 'warning', message: `${problem.message} (Documentation only: fix this before making the process executable.)` } : problem;
