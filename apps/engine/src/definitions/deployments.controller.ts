import { Body, Controller, HttpCode, HttpStatus, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { DefinitionsService } from './definitions.service.js';
import type { DeploymentResource } from './deployment-documents.js';
import { DeployedFormView } from '../forms/dto/form.view.js';
import { DeployedDecisionView } from './dto/decision.view.js';
import { DeployedVersionView, DeploymentView } from './dto/process-version.view.js';
import { DeploymentPreviewView } from './dto/deployment-preview.view.js';
import { DeploymentPreviewService } from './deployment-preview.service.js';
import { conversionOptions } from './deployment-conversion.js';
import { MAX_TAG_LENGTH, normalizeTag } from './version-tag.js';

/** Files accepted in one multipart deployment. */
export const MAX_DEPLOYMENT_FILES = 20;

/** The part of multer's in-memory file the deployment reads. */
interface UploadedDocument {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('definitions')
@Controller('deployments')
export class DeploymentsController {
  constructor(
    private readonly definitions: DefinitionsService,
    private readonly previews: DeploymentPreviewService,
  ) {}

  @Post('preview')
  @Allow('POST /api/deployments/preview')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('application/xml', 'text/xml')
  @ApiBody({ description: 'The BPMN 2.0 XML a deployment would send', schema: { type: 'string' } })
  @ApiOkResponse({
    type: DeploymentPreviewView,
    description: 'Per process: the newest version, the diff to it, the experiment and call activities that use its latest; nothing is stored',
  })
  @ApiBadRequestResponse({ description: 'DEPLOYMENT_EMPTY, or XML that does not parse or is not BPMN' })
  @ApiUnprocessableEntityResponse({ description: 'The model has errors: details.problems names each element, as a deployment would answer' })
  async preview(@Body() body: unknown): Promise<DeploymentPreviewView> {
    return DeploymentPreviewView.of(await this.previews.preview(typeof body === 'string' ? body : ''));
  }

  @Post()
  @Allow('POST /api/deployments')
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(AnyFilesInterceptor())
  @ApiConsumes('application/xml', 'text/xml', 'multipart/form-data')
  @ApiBody({
    description:
      'BPMN 2.0 or DMN 1.3 XML as the body, or a multipart upload of one or more files (any field name, e.g. `file`): ' +
      'BPMN models and the DMN decisions and forms they use, deployed together in one transaction. Each file is read as BPMN or DMN by its root element, ' +
      'or as a form-js form (JSON, a `.form` file) when it is JSON.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiQuery({
    name: 'tag',
    required: false,
    description: `Tag of the versions this deployment creates (\`as-is\`, \`to-be\`, free text, at most ${MAX_TAG_LENGTH} characters); also a multipart field \`tag\``,
  })
  @ApiQuery({
    name: 'convert',
    required: false,
    enum: ['external-tasks'],
    description:
      "`external-tasks`: Camunda 7 Java delegates (camunda:class, delegateExpression, expression) become external tasks, topic the class's simple name, listed in `conversions`; also a multipart field `convert`",
  })
  @ApiCreatedResponse({ type: DeploymentView, description: 'The process versions and decisions (existing ones for identical XML)' })
  @ApiBadRequestResponse({
    description: 'PROCESS_VERSION_TAG_INVALID (details.field `tag`); empty, or XML that does not parse or is neither BPMN nor DMN (details.resource names the file)',
  })
  @ApiUnprocessableEntityResponse({ description: 'A model, decision or form has errors, or a task names a form not deployed: details.problems names each element' })
  async deploy(
    @Body() body: unknown,
    @UploadedFiles() files: UploadedDocument[] | undefined,
    @CurrentPrincipal() principal: Principal,
    @Query('tag') queryTag: unknown,
    @Query('convert') queryConvert: unknown,
  ): Promise<DeploymentView> {
    // A multipart upload may carry the tag and the conversion as fields; an XML body only in the query.
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const tag = normalizeTag(queryTag ?? fields.tag);
    const options = conversionOptions(queryConvert ?? fields.convert);
    const resources: DeploymentResource[] =
      files && files.length > 0 ? files.map((file) => ({ name: file.originalname, xml: file.buffer.toString('utf8') })) : [{ xml: typeof body === 'string' ? body : '' }];
    const { processVersions, decisions, forms, warnings, translations, conversions } = await this.definitions.deploy(resources, principal.name, tag, options);
    return {
      processVersions: processVersions.map(DeployedVersionView.ofDeployed),
      decisions: decisions.map(DeployedDecisionView.ofDeployed),
      forms: forms.map(DeployedFormView.ofDeployed),
      warnings,
      translations,
      conversions,
    };
  }
}
