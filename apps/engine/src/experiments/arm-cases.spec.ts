import { describe, expect, it } from '@jest/globals';
import { caseFact, foldLedger, groupByCase, type CaseFact } from '#analytics';
import type { ArmFact, RoutedCase } from '#persistence';
import { cases, catalog, ledger } from '../../../../libs/analytics/src/testing/kpi-cases.js';
import { ledgerArmCases } from '../../../../test/e2e/support/ledger-arm-cases.js';
import { armCases } from './arm-cases.js';

/** The columns the repository reads of a fact (CaseFactRepository.armFacts). */
const armFact = (fact: CaseFact): ArmFact => ({
  instanceId: fact.instanceId,
  businessKey: fact.businessKey,
  status: fact.status,
  startedAt: fact.startedAt,
  endedAt: fact.endedAt,
  leadTimeMs: fact.figures?.leadTimeMs ?? null,
  deskTimeMs: fact.figures?.deskTimeMs ?? null,
  waitingMs: fact.figures === null ? null : fact.figures.decomposition.queue + fact.figures.decomposition.claimedIdle,
  processingMs: fact.figures?.decomposition.processing ?? null,
  firstResponseMs: fact.firstResponseMs,
  firstLane: fact.firstLane,
  userTaskLanes: fact.userTaskLanes,
  escalated: fact.escalated,
  rework: fact.rework !== null,
  stages: fact.stages,
  worked: fact.worked,
});

describe('armCases', () => {
  it('reads from the facts what the ledger fold gave: repeats of a customer, escalations, first tier, running cases', () => {
    // given five cases (customer A twice, k3 escalated, k2 handed to a second lane, k4 running), routed to two arms
    const runs = foldLedger(ledger, catalog);
    const byCase = groupByCase(runs);
    const routed: RoutedCase[] = cases.map(({ instanceId, processVersionId }, index) => ({
      instanceId,
      armId: index % 2 === 0 ? 'as-is' : 'to-be',
      armVersionId: processVersionId,
      processVersionId,
      reason: 'weight',
      unitKey: instanceId,
      origin: 'live',
    }));
    const facts = cases.map((record) => armFact(caseFact(record, byCase.get(record.instanceId) ?? [], catalog)));

    // when read from the facts and from the ledger
    const sut = armCases(routed, facts);
    const reference = ledgerArmCases(routed, cases, runs, new Map([['v1', catalog]]));

    // then the same, and the figures worked out by hand: k3 repeats k1 (customer A), so k1 is no first-contact resolution
    expect(sut).toEqual(reference);
    const k1 = sut.cases.find(({ instanceId }) => instanceId === 'k1')!;
    const k3 = sut.cases.find(({ instanceId }) => instanceId === 'k3')!;
    expect([k1.values.fcr, k1.values.repeatContactRate, k3.values.repeatContactRate, k3.values.escalationRate]).toEqual([0, 0, 1, 1]);
    expect(sut.cases.find(({ instanceId }) => instanceId === 'k4')!.values).toEqual({});
  });
});
