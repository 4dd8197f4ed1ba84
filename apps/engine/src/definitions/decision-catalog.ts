import { Injectable } from '@nestjs/common';
import { isFeel, type ProcessGraph } from '#bpmn';
import { decisionLookupOf, NO_DECISIONS, type DecisionLookup } from '#engine';
import { DecisionRepository } from '#persistence';

/** The decisions a process's business-rule tasks name (a job names none); `undefined` when one is FEEL (any decision may be meant). */
const decisionRefsOf = (graph: ProcessGraph): string[] | undefined => {
  const refs = Object.values(graph.nodes).flatMap((node) => (node.type === 'businessRuleTask' && !node.externalTask ? [node.decisionRef] : []));
  return refs.some(isFeel) ? undefined : [...new Set(refs)];
};

/**
 * What business-rule tasks evaluate: the latest deployed version of each decision they name (the
 * binding Camunda 8 uses by default). Read per command rather than cached, so a decision deployed
 * on another engine process counts at once; a process without business-rule tasks reads nothing.
 */
@Injectable()
export class DecisionCatalog {
  /** Graphs are immutable and cached per version, so their decision references are worked out once. */
  private readonly refs = new WeakMap<ProcessGraph, string[] | undefined>();

  constructor(private readonly repository: DecisionRepository) {}

  async lookupFor(graph: ProcessGraph): Promise<DecisionLookup> {
    if (!this.refs.has(graph)) this.refs.set(graph, decisionRefsOf(graph));
    const refs = this.refs.get(graph);
    if (refs?.length === 0) return NO_DECISIONS;
    const tables = refs ? await this.repository.latestTables(refs) : await this.repository.latestTablesOfAll();
    return decisionLookupOf(tables);
  }
}
