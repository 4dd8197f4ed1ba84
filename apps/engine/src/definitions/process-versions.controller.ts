import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { DefinitionsService } from './definitions.service.js';
import { ProcessDiffView } from './dto/process-diff.view.js';
import { ProcessVersionQuery } from './dto/process-version.query.js';
import { ProcessVersionTagBody } from './dto/process-version-tag.body.js';
import { ProcessVersionDetailView, ProcessVersionView } from './dto/process-version.view.js';
import { ProcessVersionDiffService } from './process-version-diff.service.js';
import { normalizeTag } from './version-tag.js';

@ApiTags('definitions')
@Controller('process-versions')
export class ProcessVersionsController {
  constructor(
    private readonly definitions: DefinitionsService,
    private readonly diffs: ProcessVersionDiffService,
  ) {}

  @Get()
  @Allow('GET /api/process-versions')
  @ApiOkResponse({ type: [ProcessVersionView] })
  async list(@Query() query: ProcessVersionQuery): Promise<ProcessVersionView[]> {
    return (await this.definitions.list(query.key)).map(ProcessVersionView.of);
  }

  @Get(':id')
  @Allow('GET /api/process-versions/{id}')
  @ApiOkResponse({ type: ProcessVersionDetailView })
  @ApiNotFoundResponse({ description: 'PROCESS_VERSION_NOT_FOUND' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ProcessVersionDetailView> {
    return ProcessVersionDetailView.ofDetail(await this.definitions.findById(id));
  }

  @Patch(':id')
  @Allow('PATCH /api/process-versions/{id}')
  @ApiOkResponse({ type: ProcessVersionView, description: 'The version with its new tag (the model itself never changes)' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID, or `tag` is not text of at most 40 characters' })
  @ApiNotFoundResponse({ description: 'PROCESS_VERSION_NOT_FOUND' })
  async setTag(@Param('id', ParseUUIDPipe) id: string, @Body() body: ProcessVersionTagBody): Promise<ProcessVersionView> {
    return ProcessVersionView.of(await this.definitions.setTag(id, normalizeTag(body.tag)));
  }

  @Get(':before/diff/:after')
  @Allow('GET /api/process-versions/{before}/diff/{after}')
  @ApiOkResponse({ type: ProcessDiffView, description: 'Elements added, removed and changed from `before` to `after`, and the change in the NVA figures' })
  @ApiBadRequestResponse({ description: 'An id is not a UUID' })
  @ApiNotFoundResponse({ description: 'PROCESS_VERSION_NOT_FOUND' })
  async diff(@Param('before', ParseUUIDPipe) beforeId: string, @Param('after', ParseUUIDPipe) afterId: string): Promise<ProcessDiffView> {
    const { before, after, diff } = await this.diffs.diff(beforeId, afterId);
    return ProcessDiffView.of(before, after, diff);
  }
}
