import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  DeploymentPreviewView as DeploymentPreviewShape,
  PreviewCallerView as PreviewCallerShape,
  PreviewExperimentView as PreviewExperimentShape,
  ProcessPreviewView as ProcessPreviewShape,
} from '#api-types';
import type { ProcessDiff, Problem } from '#bpmn';
import type { DeploymentPreview, ProcessPreview } from '../deployment-preview.service.js';
import { ProcessVersionView } from './process-version.view.js';

export class PreviewExperimentView implements PreviewExperimentShape {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['running', 'paused'] }) state: string;
  @ApiProperty({ enum: ['baseline', 'candidate'], nullable: true, description: "Which arm runs the key's newest version now; null when none does" })
  newestArm: 'baseline' | 'candidate' | null;
}

export class PreviewCallerView implements PreviewCallerShape {
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ description: 'The calling process key (its newest version)' }) key: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'The call activity' }) elementId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) elementName: string | null;
}

export class ProcessPreviewView implements ProcessPreviewShape {
  @ApiProperty() key: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiPropertyOptional({ type: ProcessVersionView, nullable: true, description: 'The newest version now; null for a new key' }) newest: ProcessVersionView | null;
  @ApiProperty({ description: 'The version number the model would get (the existing one when identical)' }) version: number;
  @ApiProperty({ description: 'Identical XML was deployed before: that version comes back, nothing changes' }) identical: boolean;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'As GET /api/process-versions/{before}/diff/{after}, from the newest version to this model' })
  diff: ProcessDiff | null;
  @ApiPropertyOptional({ type: PreviewExperimentView, nullable: true, description: 'The running or paused experiment of the key' }) experiment: PreviewExperimentView | null;
  @ApiProperty({ type: [PreviewCallerView], description: 'Call activities bound to the latest version of this key' }) callers: PreviewCallerView[];

  static of(preview: ProcessPreview): ProcessPreviewView {
    return Object.assign(new ProcessPreviewView(), { ...preview, newest: preview.newest === null ? null : ProcessVersionView.of(preview.newest) });
  }
}

export class DeploymentPreviewView implements DeploymentPreviewShape {
  @ApiProperty({ type: [ProcessPreviewView] }) processes: ProcessPreviewView[];
  @ApiProperty({ type: [Object], description: 'Warnings of the model, as a deployment lists them' }) warnings: Problem[];

  static of(preview: DeploymentPreview): DeploymentPreviewView {
    return Object.assign(new DeploymentPreviewView(), { processes: preview.processes.map(ProcessPreviewView.of), warnings: preview.warnings });
  }
}
