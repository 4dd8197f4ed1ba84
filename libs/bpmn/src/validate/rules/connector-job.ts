import type { ModdleElement } from 'bpmn-moddle';
import { extensionElement } from '../../parse/extension-elements.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('connector-job');

/** Camunda 8's REST outbound connector: the one connector the engine serves itself (apps/engine/src/connectors). */
export const HTTP_JSON_JOB_TYPE = 'io.camunda:http-json:1';

/**
 * Camunda 8's out-of-the-box outbound connectors by job type (from the connectors' own
 * `@OutboundConnector` types); docs/camunda-8-connectors.md maps each to what Tandem offers.
 */
export const CAMUNDA_CONNECTOR_JOB_TYPES: Readonly<Record<string, string>> = {
  [HTTP_JSON_JOB_TYPE]: 'REST',
  'io.camunda:connector-graphql:1': 'GraphQL',
  'io.camunda:soap:1': 'SOAP',
  'io.camunda:email:1': 'Email',
  'io.camunda:sendgrid:1': 'SendGrid',
  'io.camunda:slack:1': 'Slack',
  'io.camunda:connector-kafka:1': 'Kafka Producer',
  'io.camunda:connector-rabbitmq:1': 'RabbitMQ Producer',
  'io.camunda:aws-lambda:1': 'AWS Lambda',
  'io.camunda:aws-sns:1': 'Amazon SNS',
  'io.camunda:aws-sqs:1': 'Amazon SQS',
  'io.camunda:aws-dynamodb:1': 'Amazon DynamoDB',
  'io.camunda:aws-eventbridge:1': 'Amazon EventBridge',
};

/** The job type of a job-worker element (`zeebe:taskDefinition type`), if it has one. */
export const jobTypeOf = (node: ModdleElement): string | undefined => {
  const type: unknown = extensionElement(node, 'taskDefinition')?.type;
  return typeof type === 'string' && type.trim() !== '' ? type.trim() : undefined;
};

/**
 * A warning on every job of a Camunda connector type that the engine does not serve itself: the
 * model deploys and runs, but its jobs wait until an external worker fetches that type. Every
 * `io.camunda:` type but the REST connector's counts, listed or not (Camunda adds connectors).
 */
export const connectorJob: ValidationRule = {
  name: 'connector-job',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      const type = jobTypeOf(node);
      if (type === undefined || type === HTTP_JSON_JOB_TYPE || !type.startsWith('io.camunda:')) return [];
      const name = CAMUNDA_CONNECTOR_JOB_TYPES[type];
      return [
        problem(
          'warning',
          node,
          `${describe(node)} uses Camunda's ${name ? `${name} connector` : 'connector'} (job type ${type}), and Tandem has no connector runtime: serve job type ${type} with an external worker (fetch-and-lock by that topic), or its cases wait there.`,
        ),
      ];
    });
  },
};
