/**
 * Moves the running process instances of a Camunda 7 engine into Tandem (issue 22 point 6), over
 * both engines' REST APIs: for each instance of Camunda's GET /process-instance it reads where the
 * instance waits (/activity-instances), its variables and business key, and starts the same case
 * in Tandem with `startBefore` at that activity. Only what cannot be moved faithfully is skipped,
 * each with its reason: an instance waiting at several activities, inside a sub-process, in an
 * asynchronous continuation, suspended, or holding a variable Tandem has no type for.
 *
 * The CLI is scripts/migrate-from-camunda-7.ts; this module is what it and its e2e test run.
 */

/** Where to read and where to write, and how to sign in at each. */
export interface MigrationOptions {
  /** The Camunda 7 engine's REST root, e.g. http://camunda:8080/engine-rest. */
  from: string;
  /** HTTP Basic at Camunda (absent: no authentication, Camunda's default). */
  fromUser?: string;
  fromPassword?: string;
  /** Tandem's root, e.g. http://tandem:3000 (the /api paths are added). */
  to: string;
  /**
   * An admin's log-in token ("Authorization: Bearer"), or an admin's username and password to log
   * in with: starting a case before an element is an admin's act (an API key is a worker's).
   */
  toToken?: string;
  toUser?: string;
  toPassword?: string;
  /** Only instances of this process definition key. */
  processKey?: string;
  /** Read and decide everything, start nothing. */
  dryRun: boolean;
  /** Instances per page of Camunda's list. */
  pageSize?: number;
}

export interface MovedInstance {
  camundaId: string;
  processKey: string;
  activityId: string;
  businessKey: string | null;
  /** The Tandem case; absent on a dry run. */
  tandemId?: string;
}

export interface LeftInstance {
  camundaId: string;
  processKey: string | null;
  reason: string;
}

export interface MigrationReport {
  dryRun: boolean;
  moved: MovedInstance[];
  /** Not movable as they are: Camunda keeps them; finish them there or move them by hand. */
  skipped: LeftInstance[];
  /** Tandem refused the start (the process not deployed, the activity not in its model...): its answer. */
  failed: LeftInstance[];
}

/** Camunda's ProcessInstanceDto, the fields read here. */
interface CamundaInstance {
  id: string;
  definitionId: string;
  definitionKey?: string | null;
  businessKey: string | null;
  ended: boolean;
  suspended: boolean;
}

/** Camunda's ActivityInstanceDto, the fields read here. */
interface CamundaActivityInstance {
  activityId: string;
  activityType: string;
  childActivityInstances?: CamundaActivityInstance[];
  childTransitionInstances?: Array<{ activityId: string }>;
}

type TypedValue = { value: unknown; type: string; valueInfo?: Record<string, unknown> };

/** An HTTP answer that was not 2xx, with what the server said. */
class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: ${status} ${body.slice(0, 500)}`);
  }
}

const DEFAULT_PAGE_SIZE = 200;

export async function migrateFromCamunda7(options: MigrationOptions): Promise<MigrationReport> {
  const camunda = camundaClient(options);
  const token = options.dryRun ? undefined : (options.toToken ?? (await logIn(options)));
  const report: MigrationReport = { dryRun: options.dryRun, moved: [], skipped: [], failed: [] };
  const keys = new Map<string, string>();
  for await (const instance of camunda.instances()) {
    if (instance.ended) continue;
    const processKey = instance.definitionKey ?? (await definitionKeyOf(camunda, instance.definitionId, keys));
    const plan = await planOf(camunda, instance);
    if ('reason' in plan) {
      report.skipped.push({ camundaId: instance.id, processKey, reason: plan.reason });
      continue;
    }
    const moved: MovedInstance = { camundaId: instance.id, processKey, activityId: plan.activityId, businessKey: instance.businessKey };
    if (options.dryRun) {
      report.moved.push(moved);
      continue;
    }
    try {
      const tandemId = await startInTandem(options.to, token, processKey, instance, plan);
      report.moved.push({ ...moved, tandemId });
    } catch (error) {
      if (!(error instanceof HttpRefusal)) throw error;
      report.failed.push({ camundaId: instance.id, processKey, reason: error.message });
    }
  }
  return report;
}

/** Where the instance waits and its variables, or why it cannot move. */
async function planOf(camunda: CamundaClient, instance: CamundaInstance): Promise<{ activityId: string; variables: Record<string, unknown> } | { reason: string }> {
  if (instance.suspended) return { reason: 'suspended in Camunda: activate it there first, or move it by hand' };
  const tree = await camunda.get<CamundaActivityInstance>(`/process-instance/${encodeURIComponent(instance.id)}/activity-instances`);
  const waiting = tree.childActivityInstances ?? [];
  const transitions = tree.childTransitionInstances ?? [];
  if (transitions.length > 0) {
    return { reason: `in an asynchronous continuation at ${transitions.map(({ activityId }) => activityId).join(', ')}: let Camunda's job executor run it first` };
  }
  if (waiting.length === 0) return { reason: 'waits at no activity' };
  if (waiting.length > 1) return { reason: `waits at several activities (${waiting.map(({ activityId }) => activityId).join(', ')}): Tandem starts a moved case at one` };
  const [activity] = waiting;
  if (activity.activityType === 'callActivity') {
    return { reason: `waits at call activity '${activity.activityId}': started there, Tandem would call a new instance beside the one Camunda runs; finish it in Camunda` };
  }
  if ((activity.childActivityInstances ?? []).length > 0 || (activity.childTransitionInstances ?? []).length > 0) {
    return { reason: `waits inside ${activity.activityType} '${activity.activityId}': Tandem starts a moved case at a process-level activity` };
  }
  const typed = await camunda.get<Record<string, TypedValue>>(`/process-instance/${encodeURIComponent(instance.id)}/variables?deserializeValues=false`);
  const variables: Record<string, unknown> = {};
  for (const [name, typedValue] of Object.entries(typed)) {
    const plain = plainValueOf(typedValue);
    if ('reason' in plain) return { reason: `variable '${name}': ${plain.reason}` };
    variables[name] = plain.value;
  }
  return { activityId: activity.activityId, variables };
}

/** A Camunda typed value as the plain JSON value Tandem keeps, or why it has none. */
export function plainValueOf({ value, type, valueInfo }: TypedValue): { value: unknown } | { reason: string } {
  switch (type) {
    case 'String':
    case 'Boolean':
    case 'Integer':
    case 'Short':
    case 'Long':
    case 'Double':
    case 'Date':
    case 'Null':
      return { value: value ?? null };
    case 'Json':
      return parsedJson(value);
    case 'Object':
      if (valueInfo?.serializationDataFormat === 'application/json') return parsedJson(value);
      return { reason: `an Object serialized as ${String(valueInfo?.serializationDataFormat ?? 'Java')} (Tandem keeps JSON values only)` };
    default:
      return { reason: `type ${type} has no Tandem value (String, Boolean, numbers, Date, Json, Object as application/json, Null)` };
  }
}

const parsedJson = (value: unknown): { value: unknown } | { reason: string } => {
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) as unknown };
  } catch {
    return { reason: 'Json that does not parse' };
  }
};

/**
 * Starts the case in Tandem before the activity. The Idempotency-Key is the Camunda instance id,
 * so running the script again starts no second case for an instance already moved.
 */
async function startInTandem(
  to: string,
  token: string | undefined,
  processKey: string,
  instance: CamundaInstance,
  plan: { activityId: string; variables: Record<string, unknown> },
): Promise<string> {
  const response = await fetch(`${to.replace(/\/$/, '')}/api/processes/${encodeURIComponent(processKey)}/instances`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': `camunda-7-${instance.id}`.slice(0, 255),
      ...(token !== undefined && { Authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({
      startBefore: plan.activityId,
      variables: plan.variables,
      ...(instance.businessKey !== null && instance.businessKey !== '' && { businessKey: instance.businessKey }),
    }),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpRefusal(response.status, text, `Tandem refused the start of '${processKey}' before '${plan.activityId}'`);
  return (JSON.parse(text) as { id: string }).id;
}

/** An admin's token from Tandem's log-in. */
async function logIn({ to, toUser, toPassword }: MigrationOptions): Promise<string> {
  const response = await fetch(`${to.replace(/\/$/, '')}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: toUser, password: toPassword }),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpRefusal(response.status, text, `Tandem refused the log-in of ${String(toUser)}`);
  return (JSON.parse(text) as { token: string }).token;
}

async function definitionKeyOf(camunda: CamundaClient, definitionId: string, known: Map<string, string>): Promise<string> {
  const cached = known.get(definitionId);
  if (cached !== undefined) return cached;
  const { key } = await camunda.get<{ key: string }>(`/process-definition/${encodeURIComponent(definitionId)}`);
  known.set(definitionId, key);
  return key;
}

interface CamundaClient {
  get<T>(path: string): Promise<T>;
  instances(): AsyncGenerator<CamundaInstance>;
}

function camundaClient(options: MigrationOptions): CamundaClient {
  const root = options.from.replace(/\/$/, '');
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.fromUser !== undefined) headers.Authorization = `Basic ${Buffer.from(`${options.fromUser}:${options.fromPassword ?? ''}`).toString('base64')}`;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${root}${path}`, { headers });
    const text = await response.text();
    if (!response.ok) throw new HttpRefusal(response.status, text, `Camunda answered GET ${path}`);
    return JSON.parse(text) as T;
  };
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    get,
    // Pages are read before any start, so cases the script starts (when both are one engine) are never read back.
    async *instances() {
      const all: CamundaInstance[] = [];
      for (let first = 0; ; first += pageSize) {
        const query = new URLSearchParams({ firstResult: String(first), maxResults: String(pageSize) });
        if (options.processKey !== undefined) query.set('processDefinitionKey', options.processKey);
        const page = await get<CamundaInstance[]>(`/process-instance?${query.toString()}`);
        all.push(...page);
        if (page.length < pageSize) break;
      }
      yield* all;
    },
  };
}

/** The command line (flags win over the environment); throws with the usage on a missing or unknown flag. */
export function migrationOptionsOf(argv: readonly string[], env: Record<string, string | undefined>): MigrationOptions {
  const flags = new Map<string, string>();
  let dryRun = false;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === '--dry-run') {
      dryRun = true;
      continue;
    }
    if (!FLAGS.includes(flag) || argv[index + 1] === undefined) throw new Error(`${flag}: unknown flag or missing value\n${MIGRATION_USAGE}`);
    flags.set(flag, argv[(index += 1)]);
  }
  const value = (flag: string, variable: string): string | undefined => flags.get(flag) ?? (env[variable] || undefined);
  const from = value('--from', 'CAMUNDA_URL');
  const to = value('--to', 'TANDEM_URL');
  if (from === undefined || to === undefined) throw new Error(`--from and --to are required\n${MIGRATION_USAGE}`);
  const toToken = value('--token', 'TANDEM_TOKEN');
  const toUser = value('--to-user', 'TANDEM_USER');
  const toPassword = value('--to-password', 'TANDEM_PASSWORD');
  if (!dryRun && toToken === undefined && (toUser === undefined || toPassword === undefined)) {
    throw new Error(`--token, or --to-user and --to-password, of a Tandem admin are required to start cases in Tandem\n${MIGRATION_USAGE}`);
  }
  const pageSize = value('--page-size', 'CAMUNDA_PAGE_SIZE');
  const optional = {
    fromUser: value('--user', 'CAMUNDA_USER'),
    fromPassword: value('--password', 'CAMUNDA_PASSWORD'),
    toToken,
    toUser,
    toPassword,
    processKey: value('--key', 'CAMUNDA_PROCESS_KEY'),
  };
  return {
    from,
    to,
    dryRun,
    ...Object.fromEntries(Object.entries(optional).filter(([, entry]) => entry !== undefined)),
    ...(pageSize !== undefined && { pageSize: Number(pageSize) }),
  };
}

const FLAGS = ['--from', '--to', '--user', '--password', '--token', '--to-user', '--to-password', '--key', '--page-size'];

export const MIGRATION_USAGE = `Usage: npm run migrate:camunda7 -- --from <Camunda engine-rest URL> [--user U --password P] --to <Tandem URL> (--token T | --to-user U --to-password P) [--key <process key>] [--dry-run]
Tandem's side must be an admin's (starting a case before an element is an admin's act).
Environment instead of flags: CAMUNDA_URL, CAMUNDA_USER, CAMUNDA_PASSWORD, TANDEM_URL, TANDEM_TOKEN, TANDEM_USER, TANDEM_PASSWORD, CAMUNDA_PROCESS_KEY.`;

/** The report as lines a person reads: what moved where, what stayed and why. */
export function migrationSummary(report: MigrationReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run: would move' : 'Moved'} ${report.moved.length}, skipped ${report.skipped.length}, failed ${report.failed.length}`,
    ...report.moved.map(({ camundaId, processKey, activityId, tandemId }) => `  moved    ${camundaId} (${processKey}) before ${activityId}${tandemId ? ` -> ${tandemId}` : ''}`),
    ...report.skipped.map(({ camundaId, processKey, reason }) => `  skipped  ${camundaId} (${processKey ?? '?'}): ${reason}`),
    ...report.failed.map(({ camundaId, processKey, reason }) => `  failed   ${camundaId} (${processKey ?? '?'}): ${reason}`),
  ];
  return lines.join('\n');
}
