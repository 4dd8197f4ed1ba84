import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProcessVersionDiffView } from '#api-types';
import type {
  ChangedElement,
  DiffElement,
  DiffElementKind,
  ProcessDiff,
  PropertyChange,
  PropertyValue,
  ValueClass,
  ValueClassChange,
  ValueFiguresDelta,
  ValueSummary,
} from '#bpmn';
import type { ProcessVersionSummary } from '#persistence';
import { ProcessVersionView } from './process-version.view.js';

const VALUE_CLASS = { enum: ['VA', 'BVA', 'NVA'] };

export class DiffElementView implements DiffElement {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['flowNode', 'sequenceFlow', 'lane'] }) kind: DiffElementKind;
  @ApiProperty({ description: 'userTask, exclusiveGateway, ... or sequenceFlow / lane; for a changed element, the type after' }) type: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional(VALUE_CLASS) valueClass?: ValueClass;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: "A flow node's or sequence flow's zeebe:properties, name to value" })
  properties?: Record<string, string>;
}

export class PropertyChangeView implements PropertyChange {
  @ApiProperty({ description: 'name, type, valueClass, standardMinutes, candidateGroups, condition, sourceId, eventDefinition.timeDuration, ...' })
  property: string;
  @ApiProperty({ description: 'JSON value; null when not set', nullable: true }) before: PropertyValue;
  @ApiProperty({ description: 'JSON value; null when not set', nullable: true }) after: PropertyValue;
}

export class ChangedElementView extends DiffElementView implements ChangedElement {
  @ApiProperty({ type: [PropertyChangeView] }) changes: PropertyChangeView[];
}

export class ValueClassChangeView implements ValueClassChange {
  @ApiProperty() id: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) element: 'added' | 'removed' | 'changed';
  @ApiProperty({ ...VALUE_CLASS, nullable: true }) before: ValueClass | null;
  @ApiProperty({ ...VALUE_CLASS, nullable: true }) after: ValueClass | null;
}

export class ValueCountsView implements Record<ValueClass, number> {
  @ApiProperty() VA: number;
  @ApiProperty() BVA: number;
  @ApiProperty() NVA: number;
}

export class ValueSummaryView implements ValueSummary {
  @ApiProperty({ type: ValueCountsView }) counts: ValueCountsView;
  @ApiProperty({ type: [String], description: 'Tasks without a value class' }) unclassifiedIds: string[];
  @ApiProperty() unclassified: number;
  @ApiProperty() nvaSteps: number;
  @ApiProperty({ description: 'Sum of tandem:standardMinutes over the NVA steps' }) nvaMinutes: number;
}

export class ValueDeltaView implements ValueFiguresDelta {
  @ApiProperty() nvaSteps: number;
  @ApiProperty() nvaMinutes: number;
  @ApiProperty() VA: number;
  @ApiProperty() BVA: number;
  @ApiProperty() unclassified: number;
}

export class ValueComparisonView {
  @ApiProperty({ type: ValueSummaryView }) before: ValueSummaryView;
  @ApiProperty({ type: ValueSummaryView }) after: ValueSummaryView;
  @ApiProperty({ type: ValueDeltaView, description: 'after - before' }) delta: ValueDeltaView;
}

export class ProcessDiffView implements ProcessVersionDiffView {
  @ApiProperty({ type: ProcessVersionView }) before: ProcessVersionView;
  @ApiProperty({ type: ProcessVersionView }) after: ProcessVersionView;
  @ApiProperty({ type: [DiffElementView] }) added: DiffElementView[];
  @ApiProperty({ type: [DiffElementView] }) removed: DiffElementView[];
  @ApiProperty({ type: [ChangedElementView] }) changed: ChangedElementView[];
  @ApiProperty({ type: [ValueClassChangeView] }) valueClassChanges: ValueClassChangeView[];
  @ApiProperty({ type: ValueComparisonView }) values: ValueComparisonView;

  static of(before: ProcessVersionSummary, after: ProcessVersionSummary, diff: ProcessDiff): ProcessDiffView {
    return Object.assign(new ProcessDiffView(), { before: ProcessVersionView.of(before), after: ProcessVersionView.of(after), ...diff });
  }
}
