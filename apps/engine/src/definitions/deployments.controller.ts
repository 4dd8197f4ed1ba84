import { Body, Controller, HttpCode, HttpStatus, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DefinitionsService } from './definitions.service.js';
import { DeployedVersionView, DeploymentView } from './dto/process-version.view.js';

/** The part of multer's in-memory file the deployment reads. */
interface UploadedBpmn {
  buffer: Buffer;
}

@ApiTags('definitions')
@Controller('deployments')
export class DeploymentsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('application/xml', 'text/xml', 'multipart/form-data')
  @ApiBody({
    description: 'BPMN 2.0 XML as the body, or a multipart upload in the field `file`',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: DeploymentView, description: 'The process versions (existing ones for identical XML)' })
  @ApiBadRequestResponse({ description: 'Empty body, or XML that does not parse or is not BPMN' })
  @ApiUnprocessableEntityResponse({ description: 'The model has errors: details.problems names each element' })
  async deploy(@Body() body: unknown, @UploadedFile() file: UploadedBpmn | undefined): Promise<DeploymentView> {
    const xml = file ? file.buffer.toString('utf8') : typeof body === 'string' ? body : '';
    const { processVersions, warnings } = await this.definitions.deploy(xml);
    return { processVersions: processVersions.map(DeployedVersionView.ofDeployed), warnings };
  }
}
