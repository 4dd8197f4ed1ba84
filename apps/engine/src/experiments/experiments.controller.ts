import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { VERDICT_ROW_HEADER, analysisRows } from '#experiments';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { writeCsv } from '../common/csv-output.js';
import { PageQuery, TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { AssignmentRecordView } from './dto/assignment.view.js';
import { ExperimentDto } from './dto/experiment.dto.js';
import { ExperimentEventView } from './dto/experiment-event.view.js';
import { ExperimentQuery } from './dto/experiment.query.js';
import { ExperimentView } from './dto/experiment.view.js';
import { PromoteDto } from './dto/promote.dto.js';
import { TransitionDto } from './dto/transition.dto.js';
import { VerdictQuery } from './dto/verdict.query.js';
import { ExperimentAnalysisService, type ExperimentReport } from './experiment-analysis.service.js';
import { ExperimentsService } from './experiments.service.js';

const INVALID = 'EXPERIMENT_INVALID: details.problems lists every problem with its field (e.g. arms[1].weight, arms[0].processVersionId)';
const REFUSED = 'EXPERIMENT_TRANSITION_INVALID (details.state), EXPERIMENT_ALREADY_RUNNING (details.experimentId), EXPERIMENT_STATE_CHANGED';

/** Dual-track experiments (DESIGN.md section 6, issue 7). */
@ApiTags('experiments')
@Controller('experiments')
export class ExperimentsController {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly analysis: ExperimentAnalysisService,
  ) {}

  @Post()
  @Allow('POST /api/experiments')
  @ApiCreatedResponse({ type: ExperimentView, description: 'A draft; nothing is routed until it is started' })
  @ApiUnprocessableEntityResponse({ description: INVALID })
  create(@Body() body: ExperimentDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.create(body, principal);
  }

  @Get()
  @Allow('GET /api/experiments')
  @ApiOkResponse({ type: [ExperimentView], description: 'Newest first' })
  list(@Query() query: ExperimentQuery): Promise<ExperimentView[]> {
    return this.experiments.list(query);
  }

  @Get(':id')
  @Allow('GET /api/experiments/{id}')
  @ApiOkResponse({ type: ExperimentView, description: "With each arm's cases (assigned, running, finished) and the plan's requirements" })
  @ApiNotFoundResponse({ description: 'EXPERIMENT_NOT_FOUND' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ExperimentView> {
    return this.experiments.get(id);
  }

  @Put(':id')
  @Allow('PUT /api/experiments/{id}')
  @ApiOkResponse({ type: ExperimentView, description: 'A draft takes the whole definition; a running or paused one only a new plan (analysis version + 1)' })
  @ApiUnprocessableEntityResponse({ description: INVALID })
  @ApiConflictResponse({ description: 'EXPERIMENT_DEFINITION_FIXED (details.fields), EXPERIMENT_TRANSITION_INVALID' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: ExperimentDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.update(id, body, principal);
  }

  @Post(':id/start')
  @Allow('POST /api/experiments/{id}/start')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView, description: 'New cases of the key are routed from now on' })
  @ApiConflictResponse({ description: REFUSED })
  start(@Param('id', ParseUUIDPipe) id: string, @Body() body: TransitionDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.act(id, 'start', principal, body);
  }

  @Post(':id/pause')
  @Allow('POST /api/experiments/{id}/pause')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView, description: 'New cases go to the baseline until resumed' })
  @ApiConflictResponse({ description: REFUSED })
  pause(@Param('id', ParseUUIDPipe) id: string, @Body() body: TransitionDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.act(id, 'pause', principal, body);
  }

  @Post(':id/resume')
  @Allow('POST /api/experiments/{id}/resume')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView })
  @ApiConflictResponse({ description: REFUSED })
  resume(@Param('id', ParseUUIDPipe) id: string, @Body() body: TransitionDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.act(id, 'resume', principal, body);
  }

  @Post(':id/stop')
  @Allow('POST /api/experiments/{id}/stop')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView, description: 'New cases start on the newest version again; routed cases finish where they are' })
  @ApiConflictResponse({ description: REFUSED })
  stop(@Param('id', ParseUUIDPipe) id: string, @Body() body: TransitionDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.act(id, 'stop', principal, body);
  }

  @Post(':id/promote')
  @Allow('POST /api/experiments/{id}/promote')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView, description: 'Every new case goes to the winner (until a newer version of the key is deployed)' })
  @ApiUnprocessableEntityResponse({ description: 'EXPERIMENT_WINNER_UNKNOWN' })
  @ApiConflictResponse({ description: REFUSED })
  promote(@Param('id', ParseUUIDPipe) id: string, @Body() body: PromoteDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.act(id, 'promote', principal, body);
  }

  @Post(':id/arms/:armId/pause')
  @Allow('POST /api/experiments/{id}/arms/{armId}/pause')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView, description: "The candidate arm's new cases go to the baseline until it is resumed" })
  @ApiUnprocessableEntityResponse({ description: 'EXPERIMENT_ARM_NOT_CANDIDATE (details.field armId)' })
  @ApiConflictResponse({ description: 'EXPERIMENT_TRANSITION_INVALID: the experiment routes no cases (details.state)' })
  pauseArm(@Param('id', ParseUUIDPipe) id: string, @Param('armId') armId: string, @Body() body: TransitionDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.setArm(id, armId, true, principal, body.reason);
  }

  @Post(':id/arms/:armId/resume')
  @Allow('POST /api/experiments/{id}/arms/{armId}/resume')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExperimentView, description: 'The candidate arm gets its share of new cases again (e.g. after a guardrail pause)' })
  @ApiUnprocessableEntityResponse({ description: 'EXPERIMENT_ARM_NOT_CANDIDATE (details.field armId)' })
  @ApiConflictResponse({ description: 'EXPERIMENT_TRANSITION_INVALID: the experiment routes no cases (details.state)' })
  resumeArm(@Param('id', ParseUUIDPipe) id: string, @Param('armId') armId: string, @Body() body: TransitionDto, @CurrentPrincipal() principal: Principal): Promise<ExperimentView> {
    return this.experiments.setArm(id, armId, false, principal, body.reason);
  }

  @Get(':id/analysis')
  @Allow('GET /api/experiments/{id}/analysis')
  @ApiOkResponse({
    description:
      'Arms, every metric compared (interval, p-value), lead time with running cases censored, guardrails, daily sequential looks, the verdict with reasons, stages, per-activity differences, data hash and seed; simulatedCases counts the cases a simulation wrote',
  })
  @ApiConflictResponse({ description: 'EXPERIMENT_NOT_STARTED: a draft has no cases' })
  // The handler's name is the OpenAPI operationId (ExperimentsController_analyse) clients generate from: kept.
  analyse(@Param('id', ParseUUIDPipe) id: string): Promise<ExperimentReport> {
    return this.analysis.analyze(id);
  }

  @Get(':id/verdict')
  @Allow('GET /api/experiments/{id}/verdict')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The analysis as a reproducible report to keep (data hash + seed): JSON, or CSV rows section,name,value; an attachment' })
  @ApiConflictResponse({ description: 'EXPERIMENT_NOT_STARTED: a draft has no cases' })
  async verdict(@Param('id', ParseUUIDPipe) id: string, @Query() query: VerdictQuery, @Res() response: Response): Promise<void> {
    const report = await this.analysis.analyze(id);
    const name = `experiment-${id}-v${report.analysisVersion}-${report.dataHash}`;
    if (query.format === 'csv') {
      const rows = [...analysisRows(report), ['experiment', 'simulatedCases', String(report.simulatedCases)]];
      response
        .attachment(`${name}.csv`)
        .type('text/csv')
        .send(writeCsv([[...VERDICT_ROW_HEADER], ...rows]));
    } else {
      response
        .attachment(`${name}.json`)
        .type('application/json')
        .send(JSON.stringify(report, null, 2));
    }
  }

  @Get(':id/assignments')
  @Allow('GET /api/experiments/{id}/assignments')
  @ApiOkResponse({ type: [AssignmentRecordView], description: `Oldest first; the total in ${TOTAL_COUNT_HEADER}` })
  async assignments(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response): Promise<AssignmentRecordView[]> {
    const page = await this.experiments.assignments(id, query);
    response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items;
  }

  @Get(':id/events')
  @Allow('GET /api/experiments/{id}/events')
  @ApiOkResponse({ type: [ExperimentEventView], description: 'Creation, state changes and plan amendments, oldest first' })
  events(@Param('id', ParseUUIDPipe) id: string): Promise<ExperimentEventView[]> {
    return this.experiments.events(id);
  }
}
