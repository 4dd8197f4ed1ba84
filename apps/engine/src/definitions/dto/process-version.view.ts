import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  DeployedVersionView as DeployedVersionShape,
  DeploymentView as DeploymentShape,
  ProcessVersionDetailView as ProcessVersionDetailShape,
  ProcessVersionView as ProcessVersionShape,
} from '#api-types';
import type { DelegateConversion, Problem, ProblemSeverity, TranslatedExpression } from '#bpmn';
import type { DeployedVersion, ProcessVersionSummary, ProcessVersionWithXml } from '#persistence';
import { DeployedDecisionView } from './decision.view.js';
import { DeployedFormView } from '../../forms/dto/form.view.js';

export class ProcessVersionView implements ProcessVersionShape {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The process id in the BPMN XML' }) key: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'sha256 of the deployed XML' }) checksum: string;
  @ApiProperty({ format: 'date-time' }) deployedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Who deployed it; null when the engine deployed it at start-up' }) deployedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '`as-is`, `to-be` or free text; null when untagged' }) tag: string | null;
  @ApiProperty({
    description:
      'False for a documentation-only model (every process isExecutable="false"): it can be opened, diffed and simulated; starting it answers 409 PROCESS_NOT_EXECUTABLE',
  })
  executable: boolean;

  static of(version: ProcessVersionSummary): ProcessVersionView {
    return Object.assign(new ProcessVersionView(), {
      id: version.id,
      key: version.key,
      version: version.version,
      name: version.name,
      checksum: version.checksum,
      deployedAt: version.deployedAt.toISOString(),
      deployedBy: version.deployedBy,
      tag: version.tag,
      executable: version.executable,
    });
  }
}

export class DeployedVersionView extends ProcessVersionView implements DeployedVersionShape {
  @ApiProperty({ description: 'False when identical XML was deployed before and that version is returned' })
  created: boolean;

  static ofDeployed(version: DeployedVersion): DeployedVersionView {
    return Object.assign(new DeployedVersionView(), ProcessVersionView.of(version), { created: version.created });
  }
}

export class TranslatedExpressionView implements TranslatedExpression {
  @ApiProperty() elementId: string;
  @ApiProperty({ description: "Where it sits: condition, camunda:assignee, input 'amount', timeDuration..." }) field: string;
  @ApiProperty({ description: 'The JUEL as written in the model' }) juel: string;
  @ApiProperty({ description: 'The FEEL it runs as' }) feel: string;
}

export class ProcessVersionDetailView extends ProcessVersionView implements ProcessVersionDetailShape {
  @ApiProperty({ description: 'The BPMN XML as deployed' }) xml: string;
  @ApiProperty({ type: [TranslatedExpressionView], description: 'The JUEL expressions of a Camunda 7 model (kept in the XML) and the FEEL each runs as' })
  translations: TranslatedExpressionView[];

  static ofDetail(version: ProcessVersionWithXml): ProcessVersionDetailView {
    return Object.assign(new ProcessVersionDetailView(), ProcessVersionView.of(version), { xml: version.xml, translations: version.translations });
  }
}

export class ProblemView implements Problem {
  @ApiPropertyOptional({ type: String, nullable: true }) elementId: string | null;
  @ApiProperty() rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: ProblemSeverity;
  @ApiProperty() message: string;
}

export class DelegateConversionView implements DelegateConversion {
  @ApiProperty() elementId: string;
  @ApiProperty({ enum: ['camunda:class', 'camunda:delegateExpression', 'camunda:expression'] }) attribute: DelegateConversion['attribute'];
  @ApiProperty({ description: 'The Java class or expression the model named' }) value: string;
  @ApiProperty({ description: 'The topic a worker now fetches the external task by' }) topic: string;
}

export class DeploymentView implements DeploymentShape {
  @ApiProperty({ type: [DeployedVersionView] }) processVersions: DeployedVersionView[];
  @ApiProperty({ type: [DeployedDecisionView] }) decisions: DeployedDecisionView[];
  @ApiProperty({ type: [DeployedFormView] }) forms: DeployedFormView[];
  @ApiProperty({ type: [ProblemView] }) warnings: ProblemView[];
  @ApiProperty({ type: [TranslatedExpressionView], description: 'JUEL expressions of Camunda 7 models and the FEEL they run as' }) translations: TranslatedExpressionView[];
  @ApiProperty({ type: [DelegateConversionView], description: 'Java delegates turned into external tasks (?convert=external-tasks)' }) conversions: DelegateConversionView[];
}
