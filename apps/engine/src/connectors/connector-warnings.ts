import { HTTP_JSON_JOB_TYPE, type FlowNode, type ProcessGraph, type Problem } from '#bpmn';
import type { ConnectorsConfig } from '../common/config.js';
import { secretNamesIn } from './secrets.js';

/** The job type of an element that outside workers (or a built-in connector) serve; undefined for any other. */
const jobTypeOf = (node: FlowNode): string | undefined => {
  const settings = 'externalTask' in node ? node.externalTask : 'topic' in node ? node : undefined;
  return settings?.topic;
};

/** The job types of the graphs that only an external worker serves: every one but Camunda's connectors' (rule connector-job and connectorWarnings speak of those). */
export function externalJobTypes(graphs: readonly ProcessGraph[]): string[] {
  const types = graphs.flatMap((graph) => Object.values(graph.nodes).flatMap((node) => jobTypeOf(node) ?? []));
  return [...new Set(types)].filter((type) => !type.startsWith('io.camunda:'));
}

/**
 * A warning per job whose type no worker has ever fetched from this engine (`fetched`: the types
 * some worker has): the model runs, but its cases wait at that job until a worker asks for it.
 */
export function unservedJobWarnings(graphs: readonly ProcessGraph[], fetched: ReadonlySet<string>): Problem[] {
  const unserved = new Set(externalJobTypes(graphs).filter((type) => !fetched.has(type)));
  return graphs.flatMap((graph) =>
    Object.values(graph.nodes).flatMap((node): Problem[] => {
      const type = jobTypeOf(node);
      if (type === undefined || !unserved.has(type)) return [];
      return [
        {
          elementId: node.id,
          rule: 'job-worker',
          severity: 'warning',
          message: `'${node.id}' is a job of type '${type}', and no worker has fetched that type from this engine yet: start an external worker that fetches topic '${type}' (POST /api/external-tasks/fetch-and-lock), or its cases wait there.`,
        },
      ];
    }),
  );
}

/**
 * What only the server knows at deploy time, beside the rules the modeler runs too: a REST
 * connector task naming a secret that is not configured (its jobs would fail with an incident
 * naming it), and REST connector tasks while the built-in connector is turned off.
 */
export function connectorWarnings(graphs: readonly ProcessGraph[], config: ConnectorsConfig): Problem[] {
  return graphs.flatMap((graph) =>
    Object.values(graph.nodes).flatMap((node): Problem[] => {
      if (jobTypeOf(node) !== HTTP_JSON_JOB_TYPE) return [];
      if (!config.httpJson) {
        return [
          {
            elementId: node.id,
            rule: 'connector-job',
            severity: 'warning',
            message: `'${node.id}' is a REST connector task (job type ${HTTP_JSON_JOB_TYPE}), but the built-in HTTP JSON connector is turned off (TANDEM_CONNECTORS_HTTP_JSON=false): no connector runtime: serve job type ${HTTP_JSON_JOB_TYPE} with an external worker, or its cases wait there.`,
          },
        ];
      }
      const inputs = 'ioMapping' in node ? (node.ioMapping?.inputs ?? []) : [];
      return inputs.flatMap(({ source, target }) =>
        secretNamesIn(source)
          .filter((name) => !Object.hasOwn(config.secrets, name))
          .map((name): Problem => ({
            elementId: node.id,
            rule: 'connector-secret',
            severity: 'warning',
            message: `'${node.id}' names secret '${name}' in its input '${target}', which is not configured: add it to TANDEM_SECRETS, or its jobs fail with an incident naming it.`,
          })),
      );
    }),
  );
}
