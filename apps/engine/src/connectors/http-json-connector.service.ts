import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HTTP_JSON_JOB_TYPE } from '#bpmn';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import type { LockedExternalTaskView } from '../external-tasks/dto/external-task.view.js';
import { ExternalTasksService } from '../external-tasks/external-tasks.service.js';
import { callHttp, type HttpJsonResponse } from './http-call.js';
import { ConnectorInputError, readHttpJsonRequest, type HttpJsonRequest } from './http-json-request.js';
import { resultVariables } from './result-mapping.js';
import { MissingSecretError, redactSecrets, resolveSecrets, secretNamesIn } from './secrets.js';
import { BlockedTargetError, TargetHostPolicy } from './target-hosts.js';

/** The worker id the built-in connector locks its jobs with (the actor of their steps). */
export const HTTP_JSON_WORKER_ID = 'tandem-http-json-connector';

/** The job variables Camunda's REST connector reads; secrets resolve in these only. */
const INPUTS = ['method', 'url', 'headers', 'queryParameters', 'body', 'authentication', 'connectionTimeoutInSeconds', 'readTimeoutInSeconds'] as const;

/** Calls in flight per engine process; more jobs wait for a free slot. */
const MAX_CALLS_IN_FLIGHT = 10;
/** How long one long-polling fetch waits for a job before it asks again. */
const FETCH_WAIT_MS = 30_000;
/** Above any call's timeouts (capped at CALL_TIMEOUT_CAP_MS each), so a call never outlives its lock. */
const LOCK_DURATION_MS = 5 * 60_000;
const CALL_TIMEOUT_CAP_MS = 2 * 60_000;
/** After a failed fetch (the database away), before the next. */
const FETCH_RETRY_MS = 1_000;

/**
 * Camunda 8's REST outbound connector, served in the engine process: it fetches and locks the jobs
 * of type `io.camunda:http-json:1` like any worker, calls the URL their inputs name, and completes
 * the job with the mapped response, or fails it (a retry, an incident once none is left). Secrets
 * are resolved for the call alone; whatever it writes or says afterwards has their values masked.
 * On unless TANDEM_CONNECTORS_HTTP_JSON=false.
 */
@Injectable()
export class HttpJsonConnector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HttpJsonConnector.name);
  private readonly policy: TargetHostPolicy;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly externalTasks: ExternalTasksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.policy = new TargetHostPolicy(config.connectors.allowedHosts);
  }

  onApplicationBootstrap(): void {
    if (this.config.connectors.httpJson) this.loop = this.fetchUntilStopped();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await Promise.allSettled(this.inFlight);
  }

  private async fetchUntilStopped(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const locked = await this.externalTasks.fetchAndLock(
          {
            workerId: HTTP_JSON_WORKER_ID,
            maxTasks: MAX_CALLS_IN_FLIGHT - this.inFlight.size,
            topics: [{ name: HTTP_JSON_JOB_TYPE, lockDurationMs: LOCK_DURATION_MS }],
            asyncResponseTimeoutMs: FETCH_WAIT_MS,
          },
          signal,
        );
        for (const task of locked) this.track(this.serve(task));
        if (this.inFlight.size >= MAX_CALLS_IN_FLIGHT) await Promise.race(this.inFlight);
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`The HTTP JSON connector could not fetch jobs: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, FETCH_RETRY_MS));
      }
    }
  }

  private track(call: Promise<void>): void {
    const tracked = call.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** One job: call, then complete or fail it. Every text that leaves here, log lines included, has the secrets' values masked. */
  private async serve(task: LockedExternalTaskView): Promise<void> {
    const { secrets } = this.config.connectors;
    const inputs = Object.fromEntries(INPUTS.filter((name) => name in task.variables).map((name) => [name, task.variables[name]]));
    const secretValues = secretNamesIn(inputs).flatMap((name) => (Object.hasOwn(secrets, name) ? [secrets[name]!] : []));
    const redact = <T>(value: T): T => redactSecrets(value, secretValues);
    try {
      await this.callAndAnswer(task, inputs, redact);
    } catch (error) {
      this.logger.error(redact(`The HTTP JSON connector failed to record the outcome of job ${task.id}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private async callAndAnswer(task: LockedExternalTaskView, inputs: Record<string, unknown>, redact: <T>(value: T) => T): Promise<void> {
    const { secrets } = this.config.connectors;
    let request: HttpJsonRequest | undefined;
    let response: HttpJsonResponse;
    try {
      request = capTimeouts(readHttpJsonRequest(resolveSecrets(inputs, secrets)));
      response = await callHttp(request, this.policy, this.stopping.signal);
    } catch (error) {
      // Stopping: the lock runs out and another engine process takes the job.
      if (this.stopping.signal.aborted) return;
      const permanent = error instanceof ConnectorInputError || error instanceof MissingSecretError || error instanceof BlockedTargetError;
      const reason = error instanceof Error ? error.message : String(error);
      const message = request && !permanent ? `${request.method} ${describeUrl(request.url)} failed: ${reason}` : reason;
      return this.fail(task, redact(message), permanent ? 0 : task.retries - 1);
    }
    if (response.status < 200 || response.status > 299) {
      return this.fail(task, redact(`${request.method} ${describeUrl(request.url)} answered HTTP ${response.status}${excerptOf(response.body)}`), task.retries - 1);
    }
    let variables: Record<string, unknown>;
    try {
      variables = redact(resultVariables(task.headers, response, task.elementId));
    } catch (error) {
      return this.fail(task, redact(error instanceof Error ? error.message : String(error)), 0);
    }
    await this.externalTasks.complete(task.id, { workerId: HTTP_JSON_WORKER_ID, variables });
  }

  private async fail(task: LockedExternalTaskView, errorMessage: string, retries: number): Promise<void> {
    this.logger.warn(`Job ${task.id} (${task.elementId}) of type ${HTTP_JSON_JOB_TYPE} failed, ${Math.max(retries, 0)} retries left: ${errorMessage}`);
    await this.externalTasks.fail(task.id, {
      workerId: HTTP_JSON_WORKER_ID,
      errorMessage,
      retries: Math.max(retries, 0),
      retryTimeoutMs: retryBackoffMs(task.headers.retryBackoff),
    });
  }
}

const capTimeouts = (request: HttpJsonRequest): HttpJsonRequest => ({
  ...request,
  connectionTimeoutMs: Math.min(request.connectionTimeoutMs, CALL_TIMEOUT_CAP_MS),
  readTimeoutMs: Math.min(request.readTimeoutMs, CALL_TIMEOUT_CAP_MS),
});

/** The URL without its query, which may carry tokens that are not managed as secrets. */
const describeUrl = (url: URL): string => `${url.origin}${url.pathname}`;

const EXCERPT_CHARACTERS = 300;

function excerptOf(body: unknown): string {
  if (body === null || body === undefined) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `: ${text.length > EXCERPT_CHARACTERS ? `${text.slice(0, EXCERPT_CHARACTERS)}…` : text}`;
}

/** Camunda's `retryBackoff` task header (ISO 8601, e.g. PT30S); absent or unreadable: retry at once, as Camunda's default PT0S. */
export function retryBackoffMs(header: string | undefined): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(header?.trim() ?? '');
  if (!match) return 0;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return Math.round(((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000);
}
