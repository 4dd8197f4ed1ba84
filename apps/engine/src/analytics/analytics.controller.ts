import { once } from 'node:events';
import { applyDecorators, Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { COMPONENTS, type LeadTimeSummary, type Summary } from '#analytics';
import { DomainError } from '#core';
import { Allow } from '../auth/access.decorators.js';
import { ANALYTICS_ERRORS } from './analytics-errors.js';
import { parseAnalyticsQuery, type AnalyticsRequest, type RawQuery } from './analytics-query.js';
import { AnalyticsService } from './analytics.service.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { summarySeconds, tableCsv, waitingSeconds, type ColumnUnit } from './report-csv.js';

/** The query parameters every report takes. */
const ReportQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'processVersionId', required: false, description: 'One or several (repeated or comma-separated); or processKey' }),
    ApiQuery({ name: 'processKey', required: false, description: 'Every version of the process' }),
    ApiQuery({ name: 'from', required: false, description: 'ISO 8601 date or date-time, inclusive' }),
    ApiQuery({ name: 'to', required: false, description: 'ISO 8601 date or date-time, exclusive' }),
    ApiQuery({ name: 'segment.<variable>', required: false, description: 'Only cases whose instance variable has this value, e.g. segment.channel=phone' }),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'csv (or Accept: text/csv): the table as CSV' }),
    ApiQuery({ name: 'table', required: false, description: 'Which table (for CSV; table=cases also adds the per-case rows to cases and value-added)' }),
    ApiProduces('application/json', 'text/csv'),
    ApiBadRequestResponse({ description: 'ANALYTICS_QUERY_INVALID (details.field names the parameter)' }),
    ApiNotFoundResponse({ description: 'PROCESS_VERSION_NOT_FOUND, PROCESS_NOT_FOUND' }),
  );

/** Step-time analytics (DESIGN.md section 5): every figure with its definition and sample size. */
@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('activities')
  @Allow('GET /api/analytics/activities')
  @ReportQuery()
  @ApiOkResponse({
    description:
      "Per activity: its time class (the desk's, designed wait, external system), count, and mean / median / p90 of queue, claimed-idle, waiting, processing, hand-off (the desk's), designed wait, external-system time and duration (seconds)",
  })
  async activities(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.activities(parsed);
    return answer(response, parsed, report, { activities: report.activities }, summarySeconds);
  }

  @Get('bottlenecks')
  @Allow('GET /api/analytics/bottlenecks')
  @ReportQuery()
  @ApiOkResponse({ description: "The desk's activities by the desk's total waiting contributed; designed waits listed apart (designedWaits, table=designedWaits), never ranked" })
  async bottlenecks(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.bottlenecks(parsed);
    return answer(response, parsed, report, { bottlenecks: report.bottlenecks, designedWaits: report.designedWaits }, waitingSeconds);
  }

  @Get('cases')
  @Allow('GET /api/analytics/cases')
  @ReportQuery()
  @ApiOkResponse({
    description:
      "Lead time (everything) and its decomposition into the desk's parts, external-system time, designed waits and other, which adds up to it; the desk's time: the summary (from the aggregates for whole days without segments), and per case with table=cases",
  })
  async cases(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.cases(parsed);
    return answer(response, parsed, report, { summary: leadTimeRows(report.summary), ...('cases' in report && { cases: report.cases }) }, (column) =>
      parsed.table === 'cases' ? undefined : summarySeconds(column),
    );
  }

  @Get('value-added')
  @Allow('GET /api/analytics/value-added')
  @ReportQuery()
  @ApiOkResponse({
    description:
      "NVA share, NVA steps and staff-minutes, PCE (of the desk's time, and of the lead time), the desk's waiting share and the designed-wait share: the summary, and per case with table=cases",
  })
  async valueAdded(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.valueAdded(parsed);
    const { cases: _cases, ...summary } = report.summary;
    return answer(response, parsed, report, { summary: summaryRows(summary), ...('cases' in report && { cases: report.cases }) });
  }

  @Get('rework')
  @Allow('GET /api/analytics/rework')
  @ReportQuery()
  @ApiOkResponse({ description: 'Rework rate, the activities repeated and the loops; tables elements and loops' })
  async rework(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.rework(parsed);
    return answer(response, parsed, report, { elements: report.elements, loops: report.loops });
  }

  @Get('utilisation')
  @Allow('GET /api/analytics/utilisation')
  @ReportQuery()
  @ApiOkResponse({ description: "The desk's processing time per team over its available time" })
  // Route, role key and handler (the OpenAPI operationId AnalyticsController_utilisation) keep the wire's spelling.
  async utilisation(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.utilization(parsed);
    return answer(response, parsed, report, { teams: report.teams });
  }

  @Get('kpis')
  @Allow('GET /api/analytics/kpis')
  @ReportQuery()
  @ApiQuery({ name: 'firstResponseSlaMinutes', required: false, description: 'Default 240' })
  @ApiQuery({ name: 'resolutionSlaMinutes', required: false, description: "Default 240, met by the desk's time (lead time without designed waits and external-system time)" })
  @ApiQuery({ name: 'repeatWindowDays', required: false, description: 'Default 7' })
  @ApiQuery({ name: 'customerVariable', required: false, description: 'The variable naming the customer; default the business key' })
  @ApiQuery({ name: 'csatVariable', required: false, description: 'Default csat' })
  @ApiQuery({ name: 'npsVariable', required: false, description: 'Default nps' })
  @ApiQuery({ name: 'firstTierLanes', required: false, description: "Default: the lane of each case's first user task" })
  @ApiQuery({ name: 'defaultCostPerHour', required: false, description: 'For tasks without costPerHour; default 0' })
  @ApiOkResponse({ description: 'Service KPIs, each with its definition and sample size' })
  async kpis(@Query() query: RawQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = this.parse(query, request);
    const report = await this.analytics.kpis(parsed);
    // A money figure's unit is the configured currency, not the word 'currency'.
    const kpis = report.kpis.map((kpi) => (kpi.unit === 'currency' ? { ...kpi, unit: this.config.currency } : kpi));
    return answer(response, parsed, report, { kpis });
  }

  @Get('event-log')
  @Allow('GET /api/analytics/event-log')
  @ApiQuery({ name: 'format', required: true, enum: ['csv', 'xes'] })
  @ApiQuery({ name: 'processVersionId', required: false, description: 'One or several; or processKey' })
  @ApiQuery({ name: 'processKey', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'Cases not over before this' })
  @ApiQuery({ name: 'to', required: false, description: 'Cases started before this' })
  @ApiProduces('text/csv', 'application/xml')
  @ApiOkResponse({ description: 'The step ledger as an event log, streamed: XES (IEEE 1849) or CSV, one event per step' })
  @ApiBadRequestResponse({ description: 'ANALYTICS_QUERY_INVALID' })
  @ApiNotFoundResponse({ description: 'PROCESS_VERSION_NOT_FOUND, PROCESS_NOT_FOUND' })
  async eventLog(@Query() query: RawQuery, @Res() response: Response): Promise<void> {
    const { format, ...rest } = query;
    if (format !== 'csv' && format !== 'xes') {
      throw new DomainError(ANALYTICS_ERRORS.queryInvalid, `format must be csv or xes, not '${String(format)}'`, { field: 'format' });
    }
    const chunks = await this.analytics.eventLog(parseAnalyticsQuery(rest, undefined), format);
    response.status(200).type(format === 'xes' ? 'application/xml' : 'text/csv');
    response.setHeader('Content-Disposition', `attachment; filename="event-log.${format}"`);
    for await (const chunk of chunks) {
      if (!response.write(chunk)) await once(response, 'drain');
    }
    response.end();
  }

  private parse(query: RawQuery, request: Request): AnalyticsRequest {
    return parseAnalyticsQuery(query, request.headers.accept);
  }
}

/** JSON as it is, or one of the report's tables as CSV. */
const answer = (response: Response, request: AnalyticsRequest, report: object, tables: Record<string, readonly object[]>, unitOf?: ColumnUnit): object | string => {
  if (request.format === 'json') return report;
  const names = Object.keys(tables);
  const name = request.table ?? names[0];
  const rows = tables[name];
  if (!rows) throw new DomainError(ANALYTICS_ERRORS.queryInvalid, `table must be one of ${names.join(', ')}, not '${name}'`, { field: 'table' });
  response.type('text/csv');
  return tableCsv(rows, unitOf);
};

const leadTimeRows = (summary: LeadTimeSummary) => [
  { figure: 'leadTime', ...summary.leadTime, share: 1 },
  ...COMPONENTS.map((component) => ({ figure: component, ...summary.components[component], share: summary.shares[component] })),
];

const summaryRows = (summary: Record<string, Summary>) => Object.entries(summary).map(([figure, values]) => ({ figure, ...values }));
