import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DefinitionsService } from './definitions.service.js';
import { ProcessVersionQuery } from './dto/process-version.query.js';
import { ProcessVersionDetailView, ProcessVersionView } from './dto/process-version.view.js';

@ApiTags('definitions')
@Controller('process-versions')
export class ProcessVersionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Get()
  @ApiOkResponse({ type: [ProcessVersionView] })
  async list(@Query() query: ProcessVersionQuery): Promise<ProcessVersionView[]> {
    return (await this.definitions.list(query.key)).map(ProcessVersionView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProcessVersionDetailView })
  @ApiNotFoundResponse({ description: 'PROCESS_VERSION_NOT_FOUND' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ProcessVersionDetailView> {
    return ProcessVersionDetailView.ofDetail(await this.definitions.findById(id));
  }
}
