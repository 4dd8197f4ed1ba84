import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  caseFigures,
  DEFAULT_KPI_SETTINGS,
  foldLedger,
  kpis,
  kpisOfTotals,
  rework,
  reworkOfCases,
  utilization,
  utilizationOfTeams,
  type CaseRecord,
  type KpiSettings,
} from '#analytics';
import { cases, catalog, ledger as kpiLedger } from '../../../analytics/src/testing/kpi-cases.js';
import { at, caseLedger } from '../../../analytics/src/testing/ledger-builder.js';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { AnalyticsAggregator } from './analytics-aggregator.js';
import { CaseFactRepository, type FactScope } from './case-fact.repository.js';

const VERSION = '00000000-0000-4000-8000-00000000f001';

/** The graph whose element catalog is the fixture's, declaring the channel as a segment. */
const GRAPH = {
  key: 'service',
  segments: ['channel'],
  startEventIds: [],
  eventSubProcessIds: [],
  flows: {},
  lanes: [],
  nodes: Object.fromEntries([...catalog.values()].map(({ id, type, laneId, candidateGroups, costPerHour }) => [id, { id, type, laneId, candidateGroups, costPerHour, lean: {} }])),
};

/** The fixture's cases with a channel and a customer variable beside their own. */
const CHANNEL: Record<string, string> = { k1: 'phone', k2: 'chat', k3: 'phone', k4: 'phone', k5: 'chat' };
const CUSTOMER: Record<string, string> = { k1: 'Z', k2: 'Z', k3: 'B', k4: 'Z', k5: 'Z' };
const CASES: CaseRecord[] = cases.map((record) => ({ ...record, variables: { ...record.variables, channel: CHANNEL[record.instanceId], customer: CUSTOMER[record.instanceId] } }));

/**
 * The fixture's ledger, and the start event of the running k4: as in the engine, the commit that
 * starts a case ends its start event, which queues the case's first fold.
 */
const ledger = [
  ...kpiLedger,
  ...caseLedger('k4').element('k4-start', 'startEvent').step('k4-start', 'start', 'ready', '09:00', { day: 1 }).step('k4-start', 'start', 'completed', '09:00', { day: 1 }).steps,
];

const uuids = new Map<string, string>();
const uuid = (name: string): string => {
  let id = uuids.get(name);
  if (!id) {
    id = `00000000-0000-4000-8000-${String(uuids.size + 1).padStart(12, '0')}`;
    uuids.set(name, id);
  }
  return id;
};
const nameOf = (id: string): string => [...uuids.entries()].find(([, value]) => value === id)![0];

/** Writes the cases, their variables and steps as commits do, queuing each ended activity instance and each ended case. */
const store = async (dataSource: DataSource): Promise<void> => {
  for (const record of CASES) {
    await dataSource.query(
      `INSERT INTO instance (id, process_version_id, process_key, business_key, status, state, revision, started_at, ended_at)
       VALUES ($1, $2, 'service', $3, $4, '{}', 1, $5, $6)`,
      [uuid(record.instanceId), VERSION, record.businessKey, record.status, new Date(record.startedAt), record.endedAt === null ? null : new Date(record.endedAt)],
    );
    for (const [name, value] of Object.entries(record.variables)) {
      await dataSource.query(`INSERT INTO variable (instance_id, name, value) VALUES ($1, $2, $3::jsonb)`, [uuid(record.instanceId), name, JSON.stringify(value)]);
    }
    if (record.endedAt !== null) await dataSource.query(`INSERT INTO analytics_case_pending (instance_id) VALUES ($1)`, [uuid(record.instanceId)]);
  }
  for (const step of ledger) await insertStep(dataSource, step);
};

const insertStep = async (dataSource: DataSource, step: (typeof ledger)[number]): Promise<void> => {
  await dataSource.query(
    `INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at, actor, lane_id, previous_activity_instance_id, detail)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      uuid(step.instanceId),
      uuid(step.activityInstanceId),
      step.elementId,
      step.elementType,
      step.type,
      new Date(step.at),
      step.actor,
      step.laneId,
      step.previousActivityInstanceId === null ? null : uuid(step.previousActivityInstanceId),
      step.detail ?? null,
    ],
  );
  if (step.type === 'completed' || step.type === 'canceled') {
    await dataSource.query(`INSERT INTO analytics_pending (activity_instance_id, instance_id) VALUES ($1, $2)`, [uuid(step.activityInstanceId), uuid(step.instanceId)]);
  }
};

const scope = (segments: Record<string, string> = {}, segmentsDeclared = true): FactScope => ({ processVersionIds: [VERSION], segments, segmentsDeclared });

/** The KPIs as the ledger scan computed them: ended cases and running ones, the figures of the ended ones. */
const fromLedger = (records: readonly CaseRecord[], settings: KpiSettings) => {
  const runs = foldLedger(ledger.filter(({ instanceId }) => records.some((record) => record.instanceId === instanceId)));
  return kpis(records, runs, caseFigures(records, runs, catalog), catalog, settings);
};

/** KPIs compared figure by figure: exact counts, values to 10 digits (the database sums in another order). */
const expectSameKpis = (actual: ReturnType<typeof kpis>, expected: ReturnType<typeof kpis>): void => {
  expect(actual.map(({ key, n, numerator, definition }) => ({ key, n, numerator, definition }))).toEqual(
    expected.map(({ key, n, numerator, definition }) => ({ key, n, numerator, definition })),
  );
  actual.forEach((kpi, index) => {
    for (const field of ['value', 'median', 'p90'] as const) {
      const want = expected[index][field];
      if (want === null || want === undefined) expect([kpi.key, field, kpi[field]]).toEqual([kpi.key, field, want]);
      else expect(kpi[field]).toBeCloseTo(want, 10);
    }
  });
};

describe('case facts', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let aggregator: AnalyticsAggregator;
  let sut: CaseFactRepository;

  beforeAll(async () => {
    database = await openTestDataSource();
    const { dataSource } = database;
    await dataSource.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at) VALUES ($1, 'service', 1, 'x', '<x/>', $2, now())`, [
      VERSION,
      JSON.stringify(GRAPH),
    ]);
    aggregator = new AnalyticsAggregator(dataSource);
    sut = new CaseFactRepository(dataSource);
    await store(dataSource);
    await aggregator.drain();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('keeps one row per case: final for the ended ones, the running one without figures, the declared segment', async () => {
    // when the facts are read back
    const rows: Array<{ instance_id: string; ended_at: Date | null; lead_time_ms: number | null; segments: Record<string, string>; escalated: boolean }> =
      await database.dataSource.query(`SELECT instance_id, ended_at, lead_time_ms, segments, escalated FROM case_fact ORDER BY instance_id`);

    // then five rows; k4 runs; k2 took 6 h; only the declared channel is kept (not the customer variable); k3 escalated
    const byName = Object.fromEntries(rows.map((row) => [nameOf(row.instance_id), row]));
    expect(Object.keys(byName).sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    expect(byName.k4).toMatchObject({ ended_at: null, lead_time_ms: null, segments: { channel: 'phone' } });
    expect(byName.k2).toMatchObject({ lead_time_ms: 6 * 3_600_000, segments: { channel: 'chat' } });
    expect(byName.k3.escalated).toBe(true);
  });

  it('answers the same KPIs as the ledger scan, with the default settings and with others', async () => {
    // given the default settings, and a customer variable with a 20 min first-response SLA, 8 h resolution, a first tier and a default cost
    const custom: KpiSettings = {
      ...DEFAULT_KPI_SETTINGS,
      firstResponseSlaMs: 20 * 60_000,
      resolutionSlaMs: 8 * 3_600_000,
      customerVariable: 'customer',
      firstTierLanes: ['L1', 'L2'],
      defaultCostPerHour: 12,
    };
    for (const settings of [DEFAULT_KPI_SETTINGS, custom]) {
      // when the facts answer
      const totals = await sut.kpiTotals(scope(), settings);
      // then as the ledger did, the running case counted where it counts
      expectSameKpis(kpisOfTotals(totals, settings), fromLedger(CASES, settings));
      expect(totals.running).toBe(1);
    }
  });

  it('filters by a segment, declared (the facts) or not (the variables), as the ledger scan did', async () => {
    // given the phone cases (k1, k3, k4)
    const phone = CASES.filter(({ variables }) => variables.channel === 'phone');
    // when filtered by the declared channel, and by a variable no version declares
    const declared = await sut.kpiTotals(scope({ channel: 'phone' }), DEFAULT_KPI_SETTINGS);
    const undeclared = await sut.kpiTotals(scope({ customer: 'B' }, false), DEFAULT_KPI_SETTINGS);
    // then
    expectSameKpis(kpisOfTotals(declared), fromLedger(phone, DEFAULT_KPI_SETTINGS));
    expectSameKpis(
      kpisOfTotals(undeclared),
      fromLedger(
        CASES.filter(({ variables }) => variables.customer === 'B'),
        DEFAULT_KPI_SETTINGS,
      ),
    );
    expect(undeclared.escalation.of).toBe(1);
  });

  it('counts the KPIs of a window: cases ended in it, running ones started in it', async () => {
    // given day 1 onwards: k3 ended on day 3, k4 started on day 1 and runs
    const window = { ...scope(), from: new Date(at('00:00', 1)) };
    // when
    const totals = await sut.kpiTotals(window, DEFAULT_KPI_SETTINGS);
    // then as the ledger's cases of that window
    expectSameKpis(
      kpisOfTotals(totals),
      fromLedger(
        CASES.filter(({ instanceId }) => instanceId === 'k3' || instanceId === 'k4'),
        DEFAULT_KPI_SETTINGS,
      ),
    );
  });

  it('gives rework and utilisation as the ledger scan did', async () => {
    // given the ledger's runs
    const runs = foldLedger(ledger);
    const ended = CASES.filter(({ endedAt }) => endedAt !== null).map(({ instanceId }) => instanceId);
    // when
    const reworks = await sut.rework(scope());
    const work = await sut.utilization(scope());
    // then
    expect(reworkOfCases(reworks.cases, reworks.reworks)).toEqual(rework(ended, runs));
    const window = { from: work.firstReadyAt!, to: work.lastEndedAt! };
    const counted = runs.filter(({ endedAt }) => endedAt !== null);
    expect(window).toEqual({ from: Math.min(...counted.map(({ readyAt }) => readyAt)), to: Math.max(...counted.map(({ endedAt }) => endedAt!)) });
    expect(work.activityInstances).toBe(counted.length);
    const sizes = new Map([['first-line', 3]]);
    expect(utilizationOfTeams(work.teams, window, sizes)).toEqual(utilization(counted, catalog, window, sizes));
  });

  it('folds a running case again when it moves, and a case that was there before the facts from the backfill queue', async () => {
    // given k4's task started on day 1 at 10:00 (a step that ends no activity instance)
    await insertStep(database.dataSource, { ...ledger.find(({ activityInstanceId }) => activityInstanceId === 'k4-t')!, type: 'started', at: at('10:00', 1) });
    // and k5's fact lost and queued for the backfill
    await database.dataSource.query(`DELETE FROM case_fact WHERE instance_id = $1`, [uuid('k5')]);
    await database.dataSource.query(`INSERT INTO case_fact_backfill (instance_id) VALUES ($1)`, [uuid('k5')]);
    // when drained
    await aggregator.drain();
    // then k4 responded after an hour, and k5 is back
    const [k4] = await database.dataSource.query(`SELECT first_response_ms FROM case_fact WHERE instance_id = $1`, [uuid('k4')]);
    const [k5] = await database.dataSource.query(`SELECT lead_time_ms FROM case_fact WHERE instance_id = $1`, [uuid('k5')]);
    expect(k4.first_response_ms).toBe(3_600_000);
    expect(k5.lead_time_ms).toBe(3_600_000);
  });
});
