/**
 * An experiment arm's cases written straight into `instance`, `experiment_assignment` and
 * `case_fact`, as the aggregator would have folded them: seeding a few thousand (a test) or 100,000
 * (the bench) cases through the engine takes far longer than the analysis under test. 5 % still
 * run; durations are log-normal-ish from md5 bits, deterministic per case and salt.
 */
export interface ArmFactsShape {
  processKey: string;
  /** The cases arrive evenly over this many days from the experiment's start. */
  days: number;
  /** How many customers (business keys) the cases spread over. */
  customers: number;
  /** The user tasks each case worked, with its stage and its share of the waiting and working time. */
  steps: Array<{ elementId: string; stage: string; waitingShare: number; workingShare: number }>;
}

/** $1 experiment, $2 arm, $3 version, $4 cases, $5 the experiment's start, $6 the arm's speed factor, $7 salt. */
export const armFactsSql = ({ processKey, days, customers, steps }: ArmFactsShape): string => {
  const stages = steps
    .map(({ stage, waitingShare, workingShare }) => `'${stage}', jsonb_build_object('waitingMs', waiting * ${waitingShare}, 'processingMs', working * ${workingShare})`)
    .join(', ');
  const worked = steps
    .map(({ elementId, waitingShare, workingShare }) => `jsonb_build_object('elementId', '${elementId}', 'durationMs', waiting * ${waitingShare} + working * ${workingShare})`)
    .join(', ');
  return `
WITH c AS (
  SELECT i, md5($7 || ':' || i)::uuid AS id,
         $5::timestamptz + make_interval(secs => (i::double precision * ${days} * 86400 / $4::int)) AS t0,
         exp(7.5 + 1.2 * ((get_byte(decode(md5($7 || 'w' || i), 'hex'), 0) + get_byte(decode(md5($7 || 'w' || i), 'hex'), 1)) / 510.0 - 0.5) * 3) * $6::double precision * 1000 AS waiting,
         (60 + get_byte(decode(md5($7 || 'p' || i), 'hex'), 0) * 10) * 1000.0 AS working,
         get_byte(decode(md5($7 || 'x' || i), 'hex'), 0) AS b0,
         get_byte(decode(md5($7 || 'x' || i), 'hex'), 1) AS b1
  FROM generate_series(1, $4::int) AS i
), t AS (
  SELECT c.*, CASE WHEN i % 20 = 0 THEN NULL ELSE t0 + make_interval(secs => (waiting + working) / 1000) END AS t1 FROM c
), instances AS (
  INSERT INTO instance (id, process_version_id, process_key, business_key, status, state, revision, started_at, ended_at)
  SELECT id, $3::uuid, '${processKey}', 'customer-' || (i % ${customers}), CASE WHEN t1 IS NULL THEN 'running' ELSE 'completed' END, '{}'::jsonb, 1, t0, t1 FROM t
), assignments AS (
  INSERT INTO experiment_assignment (instance_id, experiment_id, arm_id, process_version_id, reason, unit_key, assigned_at)
  SELECT id, $1::uuid, $2, $3::uuid, 'weight', id::text, t0 FROM t
)
INSERT INTO case_fact (instance_id, process_version_id, experiment_id, arm_id, business_key, status, started_at, ended_at, last_seq,
  lead_time_ms, desk_time_ms, queue_ms, claimed_idle_ms, processing_ms, handoff_ms, external_system_ms, designed_wait_ms, other_ms, handling_ms,
  nva_ms, nva_steps, nva_processing_ms, va_processing_ms, first_response_ms, first_lane, user_task_lanes, escalated, rework,
  costed_amount, uncosted_processing_ms, csat, nps, segments, ended_runs, first_ready_at, last_ended_at, work, stages, worked)
SELECT id, $3::uuid, $1::uuid, $2, 'customer-' || (i % ${customers}), CASE WHEN t1 IS NULL THEN 'running' ELSE 'completed' END, t0, t1, i * 17,
  CASE WHEN t1 IS NULL THEN NULL ELSE waiting + working END, CASE WHEN t1 IS NULL THEN NULL ELSE waiting + working END,
  CASE WHEN t1 IS NULL THEN NULL ELSE waiting * 0.8 END, CASE WHEN t1 IS NULL THEN NULL ELSE waiting * 0.2 END,
  CASE WHEN t1 IS NULL THEN NULL ELSE working END, 0, 0, 0, 0, working, 0, 0, 0, working,
  CASE WHEN t1 IS NULL THEN NULL ELSE waiting * 0.5 END, 'first-line',
  CASE WHEN b0 % 4 = 0 THEN ARRAY['first-line', 'second-line'] ELSE ARRAY['first-line'] END, b1 % 10 = 0,
  CASE WHEN b1 % 7 = 0 THEN '{"elements": {"diagnose": 1}, "loops": []}'::jsonb END,
  0, working, NULL, NULL, '{}'::jsonb, CASE WHEN t1 IS NULL THEN 1 ELSE 4 END, t0, t1, '[]'::jsonb,
  CASE WHEN t1 IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(${stages}) END,
  CASE WHEN t1 IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(${worked}) END
FROM t`;
};
