import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskFormView as TaskFormShape } from '#api-types';
import type { FormSchema } from '#bpmn';
import type { DeployedForm, FormSummary, FormWithSchema } from '#persistence';

export class FormView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The schema id: what a user task names with formKey="form:<key>"' }) key: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'sha256 of the deployed .form text' }) checksum: string;
  @ApiProperty({ format: 'date-time' }) deployedAt: string;

  static of(form: FormSummary): FormView {
    return Object.assign(new FormView(), {
      id: form.id,
      key: form.key,
      version: form.version,
      name: form.name,
      checksum: form.checksum,
      deployedAt: form.deployedAt.toISOString(),
    });
  }
}

export class DeployedFormView extends FormView {
  @ApiProperty({ description: 'False when identical text was deployed before and that version is returned' })
  created: boolean;

  static ofDeployed(form: DeployedForm): DeployedFormView {
    return Object.assign(new DeployedFormView(), FormView.of(form), { created: form.created });
  }
}

export class FormDetailView extends FormView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The @bpmn-io/form-js schema' }) schema: FormSchema;

  static ofDetail(form: FormWithSchema): FormDetailView {
    return Object.assign(new FormDetailView(), FormView.of(form), { schema: form.schema });
  }
}

export class TaskFormView implements TaskFormShape {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The @bpmn-io/form-js schema to render' }) schema: FormSchema;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The case's variables, to prefill the form with" })
  variables: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The deployed form it comes from (form:<key>), null for an embedded form' })
  formKey: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The deployed form version shown, null for an embedded form' })
  formVersion: number | null;
}
