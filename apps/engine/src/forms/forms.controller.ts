import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { FormQuery } from './dto/form.query.js';
import { FormDetailView, FormView } from './dto/form.view.js';
import { FormsService } from './forms.service.js';

@ApiTags('definitions')
@Controller('forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  @Get()
  @Allow('GET /api/forms')
  @ApiOkResponse({ type: [FormView], description: 'Deployed form versions, by form id, newest version first' })
  async list(@Query() query: FormQuery): Promise<FormView[]> {
    return (await this.forms.list(query.key)).map(FormView.of);
  }

  @Get(':id')
  @Allow('GET /api/forms/{id}')
  @ApiOkResponse({ type: FormDetailView })
  @ApiNotFoundResponse({ description: 'FORM_NOT_FOUND' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<FormDetailView> {
    return FormDetailView.ofDetail(await this.forms.findById(id));
  }
}
