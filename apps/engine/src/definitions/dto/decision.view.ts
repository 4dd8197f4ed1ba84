import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DecisionTable } from '#bpmn';
import type { DecisionSummary, DecisionWithXml, DeployedDecision } from '#persistence';

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The decision id in the DMN: what a business-rule task names (tandem:decisionRef)' }) key: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER or OUTPUT ORDER' }) hitPolicy: string;
  @ApiProperty({ description: 'sha256 of the DMN document it was deployed in' }) checksum: string;
  @ApiProperty({ format: 'date-time' }) deployedAt: string;

  static of(decision: DecisionSummary): DecisionView {
    return Object.assign(new DecisionView(), {
      id: decision.id,
      key: decision.key,
      version: decision.version,
      name: decision.name,
      hitPolicy: decision.hitPolicy,
      checksum: decision.checksum,
      deployedAt: decision.deployedAt.toISOString(),
    });
  }
}

export class DeployedDecisionView extends DecisionView {
  @ApiProperty({ description: 'False when identical XML was deployed before and that version is returned' })
  created: boolean;

  static ofDeployed(decision: DeployedDecision): DeployedDecisionView {
    return Object.assign(new DeployedDecisionView(), DecisionView.of(decision), { created: decision.created });
  }
}

export class DecisionDetailView extends DecisionView {
  @ApiProperty({ description: 'The DMN XML document as deployed (it may define other decisions too)' }) xml: string;
  @ApiProperty({ description: 'The compiled decision table: inputs, outputs and rules' }) decisionTable: DecisionTable;

  static ofDetail(decision: DecisionWithXml): DecisionDetailView {
    return Object.assign(new DecisionDetailView(), DecisionView.of(decision), { xml: decision.xml, decisionTable: decision.decisionTable });
  }
}
