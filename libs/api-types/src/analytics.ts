/**
 * The analytics reports as GET /api/analytics/... answers them: the lib's rows and figures inside
 * the head every report shares. The engine's service returns these and the insights page reads them.
 */
import type { ActivityRow, Kpi, KpiSettings, ReworkReport, ValueAddedSummary } from '#analytics';

/** What every report answers besides its tables: what it covers and where the figures come from. */
export interface ReportHead {
  scope: {
    processVersionIds: string[];
    versions: Array<{ id: string; key: string; version: number }>;
    from: string | null;
    to: string | null;
    segments: Record<string, string>;
  };
  /** aggregates: the incremental per-activity buckets; ledger: a scan of the steps of the cases in scope. */
  /** aggregates: the per-day buckets; facts: the per-case facts (case_fact); ledger: a scan of the steps. */
  source: 'aggregates' | 'facts' | 'ledger';
  /** Durations are in seconds unless a figure names another unit. */
  unit: 'seconds';
  /** Cases of the versions in scope that are simulated, not real (`npm run demo`); 0 on real data. */
  simulatedCases: number;
}

/** GET /api/analytics/activities */
export interface ActivityReportView extends ReportHead {
  definitions: Record<string, string>;
  /** `cases` when the ledger was scanned */
  sampleSize: { activityInstances: number; cases?: number };
  activities: ActivityRow[];
}

/** The figures of the value-added view, each summarized over the cases. */
export type ValueAddedFigure = Exclude<keyof ValueAddedSummary, 'cases'>;

/** GET /api/analytics/value-added; `cases` (one row per case) when the ledger was scanned. */
export interface ValueAddedReportView extends ReportHead {
  definitions: Record<ValueAddedFigure, string>;
  sampleSize: { cases: number };
  summary: ValueAddedSummary;
  cases?: Array<{ instanceId: string; leadTime: number; deskTime: number } & Record<string, unknown>>;
}

/** GET /api/analytics/rework */
export interface ReworkReportView extends ReportHead, ReworkReport {
  definitions: { rework: string };
  sampleSize: { cases: number };
}

/** GET /api/analytics/kpis; `running` cases count where they can (first response, repeat contacts). */
export interface KpiReportView extends ReportHead {
  /** From the rollup (source aggregates): how near its medians and p90 are. */
  sketch?: string;
  settings: KpiSettings;
  sampleSize: { cases: number; running: number };
  kpis: Kpi[];
}

/** A baseline and a target of one KPI, in the unit the KPI report gives it. */
export interface KpiTarget {
  baseline?: number;
  target?: number;
}

/** GET and PUT /api/analytics/kpi-targets/{processKey}: the targets in force for the process key, and where they come from. */
export interface KpiTargetsView<Key extends string = string> {
  processKey: string;
  /** stored: an analyst saved them; defaults: the planning documents' figures (DOMAIN.md). */
  source: 'stored' | 'defaults';
  targets: Partial<Record<Key, KpiTarget>>;
  kpis: readonly Key[];
  updatedAt: string | null;
  updatedBy: string | null;
}
