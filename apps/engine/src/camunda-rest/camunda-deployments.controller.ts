import { Body, Controller, HttpCode, HttpStatus, Post, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { DefinitionsService } from '../definitions/definitions.service.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { CamundaJsonInterceptor } from './camunda-json.js';
import { invalidRequest } from './camunda-variables.js';
import { deploymentOf } from './camunda-views.js';

/** The part of multer's in-memory file a deployment reads. */
interface UploadedDocument {
  fieldname: string;
  originalname: string;
  buffer: Buffer;
}

/** Camunda 7's deployment, as Camunda Modeler's "Deploy" sends it (multipart: deployment-name, deployment-source and the files). */
@ApiTags('camunda-7')
@Controller('engine-rest/deployment')
@UseFilters(CamundaExceptionFilter)
@UseInterceptors(CamundaJsonInterceptor)
export class CamundaDeploymentsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Post('create')
  @Allow('POST /engine-rest/deployment/create')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(AnyFilesInterceptor())
  async create(@Body() body: unknown, @UploadedFiles() files: UploadedDocument[] | undefined, @CurrentPrincipal() principal: Principal) {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (files === undefined || files.length === 0) throw invalidRequest('No deployment resources contained in the form upload: send the BPMN files as multipart parts');
    const name = typeof fields['deployment-name'] === 'string' ? fields['deployment-name'] : null;
    const source = typeof fields['deployment-source'] === 'string' ? fields['deployment-source'] : null;
    const outcome = await this.definitions.deploy(
      files.map((file) => ({ name: file.originalname || file.fieldname, xml: file.buffer.toString('utf8') })),
      principal.name,
    );
    return deploymentOf(outcome.processVersions, { name, source, resources: files.map((file) => file.originalname || file.fieldname) });
  }
}
