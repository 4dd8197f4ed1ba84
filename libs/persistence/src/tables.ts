/**
 * The tables the instance commit writes, each declared once: the commit's row types (`RowOf`) and
 * the column lists of its statement, and of the other reads and writes of these tables, follow from
 * these, and schema.spec.ts checks them against the migrated database. A table the commit writes per
 * case leaves out `instance_id`, which the commit adds to every row. The migrations stay the history
 * of how the tables came to be.
 */

/** A PostgreSQL column type; a trailing `?` marks a column that may hold null. */
type ColumnType = 'uuid' | 'text' | 'text[]' | 'timestamptz' | 'smallint' | 'integer' | 'double precision' | 'jsonb' | 'boolean';
export type Column = ColumnType | `${ColumnType}?`;
export type Columns = Readonly<Record<string, Column>>;

export interface Table<C extends Columns = Columns> {
  name: string;
  columns: C;
}

/** A column's value as the commit sends it in JSON (instants as ISO text). */
type ValueOf<T extends Column> = T extends `${infer Base extends ColumnType}?`
  ? ValueOf<Base> | null
  : T extends 'text[]'
    ? string[]
    : T extends 'smallint' | 'integer' | 'double precision'
      ? number
      : T extends 'boolean'
        ? boolean
        : T extends 'jsonb'
          ? unknown
          : string;

/** A row of the columns; `Narrow` gives some of them the narrower type the code knows (a status union, a JSON shape). */
export type RowOf<C extends Columns, Narrow extends Partial<Record<keyof C, unknown>> = object> = Omit<{ -readonly [K in keyof C]: ValueOf<C[K]> }, keyof Narrow> & Narrow;

/** The SQL type of a column, without the null mark. */
export const sqlType = (column: Column): ColumnType => column.replace(/\?$/, '') as ColumnType;

/** Some columns of a table, in the table's order. */
export const pick = <C extends Columns, K extends keyof C & string>(columns: C, ...names: K[]): Pick<C, K> =>
  Object.fromEntries(Object.entries(columns).filter(([name]) => names.includes(name as K))) as Pick<C, K>;

/** The columns of a table without some of them, in the table's order. */
export const omit = <C extends Columns, K extends keyof C & string>(columns: C, ...names: K[]): Omit<C, K> =>
  Object.fromEntries(Object.entries(columns).filter(([name]) => !names.includes(name as K))) as Omit<C, K>;

/**
 * The columns with the case's `instance_id` first: the declarations leave it out because the
 * commit adds it to every row itself, while a read or a bulk import names it.
 */
export const withInstanceId = <C extends Columns>(columns: C): { instance_id: 'uuid' } & C => ({ instance_id: 'uuid', ...columns });

/** A column's name as the code's records spell it: `activity_instance_id` is `activityInstanceId`. */
export const fieldName = (column: string): string => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** `a.instance_id, a.element_id`: the columns' names, each after `prefix` (a table alias). */
export const columnNames = (columns: Columns, prefix = ''): string =>
  Object.keys(columns)
    .map((name) => `${prefix}${name}`)
    .join(', ');

/** `id uuid, element_id text`: the column definitions of a record set (`jsonb_to_recordset`) of rows keyed by column. */
export const columnDefinitions = (columns: Columns): string =>
  Object.entries(columns)
    .map(([name, type]) => `${name} ${sqlType(type)}`)
    .join(', ');

/** `a."instanceId", a."elementId"`: the columns under their field names, each after `prefix`. */
export const fieldNames = (columns: Columns, prefix = ''): string =>
  Object.keys(columns)
    .map((name) => `${prefix}"${fieldName(name)}"`)
    .join(', ');

/** `"instanceId" uuid, "elementId" text`: the column definitions of a record set of the code's records (keyed by field name). */
export const fieldDefinitions = (columns: Columns): string =>
  Object.entries(columns)
    .map(([name, type]) => `"${fieldName(name)}" ${sqlType(type)}`)
    .join(', ');

/** `a.instance_id AS "instanceId"`: selects the columns under the field names of the code's records. */
export const selectedAsFields = (columns: Columns, prefix = ''): string =>
  Object.keys(columns)
    .map((name) => `${prefix}${name} AS "${fieldName(name)}"`)
    .join(', ');

const table = <const C extends Columns>(name: string, columns: C): Table<C> => ({ name, columns });

/** One case: its engine state, the revision that guards it, and the columns the lists and reports filter on. */
export const INSTANCE = table('instance', {
  id: 'uuid',
  process_version_id: 'uuid',
  process_key: 'text',
  business_key: 'text?',
  status: 'text',
  state: 'jsonb',
  revision: 'integer',
  started_at: 'timestamptz',
  ended_at: 'timestamptz?',
  parent_instance_id: 'uuid?',
  parent_activity_instance_id: 'uuid?',
  origin: 'text',
});

/** A case's variables, one row each, as the engine state holds them. */
export const VARIABLE = table('variable', {
  name: 'text',
  value: 'jsonb',
});

/** The case that holds a business key of a process allowing one case per business key. */
export const BUSINESS_KEY_CLAIM = table('business_key_claim', {
  process_key: 'text',
  business_key: 'text',
});

/** An Idempotency-Key's first request and, once answered, its answer (null while the request runs). */
export const IDEMPOTENCY_KEY = table('idempotency_key', {
  principal: 'text',
  key: 'text',
  method: 'text',
  path: 'text',
  request_hash: 'text',
  attempt: 'uuid',
  claimed_at: 'timestamptz',
  status: 'smallint?',
  headers: 'jsonb?',
  body: 'text?',
  completed_at: 'timestamptz?',
  expires_at: 'timestamptz',
});

export const STEP_EVENT = table('step_event', {
  id: 'uuid',
  activity_instance_id: 'uuid',
  element_id: 'text',
  element_type: 'text',
  type: 'text',
  at: 'timestamptz',
  actor: 'text?',
  lane_id: 'text?',
  previous_activity_instance_id: 'uuid?',
  detail: 'jsonb?',
});

export const TASK = table('task', {
  id: 'uuid',
  element_id: 'text',
  name: 'text?',
  lane_id: 'text?',
  candidate_groups: 'text[]',
  candidate_users: 'text[]',
  assignee: 'text?',
  form_key: 'text?',
  due_at: 'timestamptz?',
  status: 'text',
  created_at: 'timestamptz',
  claimed_at: 'timestamptz?',
  completed_at: 'timestamptz?',
  canceled_at: 'timestamptz?',
  state: 'text',
  owner: 'text?',
  process_key: 'text',
  priority: 'smallint',
  category: 'text?',
  stage: 'text?',
  value_class: 'text?',
  follow_up_at: 'timestamptz?',
  started_at: 'timestamptz?',
  breached_at: 'timestamptz?',
});

export const EXTERNAL_TASK = table('external_task', {
  id: 'uuid',
  element_id: 'text',
  topic: 'text',
  retries: 'integer',
  status: 'text',
  created_at: 'timestamptz',
});

export const JOB = table('job', {
  id: 'uuid',
  type: 'text',
  element_id: 'text',
  activity_instance_id: 'uuid',
  due_at: 'timestamptz',
});

export const SUBSCRIPTION = table('subscription', {
  id: 'uuid',
  activity_instance_id: 'uuid',
  element_id: 'text',
  event_type: 'text',
  name: 'text',
  correlation_key: 'text?',
  created_at: 'timestamptz',
});

export const INSTANCE_AUDIT = table('instance_audit', {
  operation: 'text',
  actor: 'text?',
  reason: 'text?',
  details: 'jsonb',
  at: 'timestamptz',
});

export const EXPERIMENT_ASSIGNMENT = table('experiment_assignment', {
  experiment_id: 'uuid',
  arm_id: 'text',
  process_version_id: 'uuid',
  reason: 'text',
  unit_key: 'text',
  hash: 'double precision?',
  ramp_step: 'integer?',
  candidate_share: 'double precision?',
  assigned_at: 'timestamptz',
});

export const CALL_ACTIVITY = table('call_activity', {
  activity_instance_id: 'uuid',
  element_id: 'text',
  process_key: 'text',
  binding: 'jsonb',
  variables: 'jsonb',
  business_key: 'text?',
  status: 'text',
  created_at: 'timestamptz',
  closed_at: 'timestamptz?',
  follow_up_since: 'timestamptz?',
});

export const COMMIT_TABLES: readonly Table[] = [
  INSTANCE,
  VARIABLE,
  BUSINESS_KEY_CLAIM,
  IDEMPOTENCY_KEY,
  STEP_EVENT,
  TASK,
  EXTERNAL_TASK,
  JOB,
  SUBSCRIPTION,
  INSTANCE_AUDIT,
  EXPERIMENT_ASSIGNMENT,
  CALL_ACTIVITY,
];
