import { describe, expect, it } from '@jest/globals';
import { foldActivity, foldLedger, handoffsOf } from './activity-run.js';
import { at } from './testing/ledger-builder.js';
import { c1, c2 } from './testing/two-cases.js';

const MIN = 60_000;

describe('foldActivity', () => {
  it('splits waiting into queue and claimed-idle and sums every stretch of processing', () => {
    // given Triage in c1: ready 09:00, claimed 09:10, started 09:30, paused 09:40, (breached 09:45), started 09:50, completed 10:00
    const sut = foldActivity(c1.filter(({ activityInstanceId }) => activityInstanceId === 'c1-triage'));

    // then queue 09:00-09:10 = 10 min; claimed-idle 09:10-09:30 + 09:40-09:50 = 30 min; processing 09:30-09:40 + 09:50-10:00 = 20 min
    expect(sut).toMatchObject({ queueMs: 10 * MIN, claimedIdleMs: 30 * MIN, processingMs: 20 * MIN, outcome: 'completed', endedAt: at('10:00') });
    expect(sut.firstStartedAt).toBe(at('09:30'));
    expect(sut.breaches).toEqual(['followUp']);
    expect(sut.actor).toBe('ana');
  });

  it('queues an escalated task again until it is claimed in the new queue', () => {
    // given Fix in c1: ready 10:30, claimed+started 11:00, escalated 11:30, claimed+started 12:00, completed 12:30
    const sut = foldActivity(c1.filter(({ activityInstanceId }) => activityInstanceId === 'c1-fix'));

    // then queue 10:30-11:00 + 11:30-12:00 = 60 min; claimed-idle 0; processing 11:00-11:30 + 12:00-12:30 = 60 min
    expect(sut).toMatchObject({ queueMs: 60 * MIN, claimedIdleMs: 0, processingMs: 60 * MIN, escalations: ['needs-expert'], actor: 'eva' });
  });

  it("counts an external task's whole time, before and after its first lock, as external-system time, not the desk's", () => {
    // given Check in c2: ready 09:50, started (first lock) 10:00, completed 10:20
    const sut = foldActivity(c2.filter(({ activityInstanceId }) => activityInstanceId === 'c2-check'));

    // then 30 min of external-system time; before the time classes it read queue 10 min and processing 20 min
    expect(sut).toMatchObject({ timeClass: 'externalSystem', externalSystemMs: 30 * MIN, queueMs: 0, claimedIdleMs: 0, processingMs: 0, firstStartedAt: at('10:00') });
  });

  it('classifies a message throw event as external-system time when the catalog says a worker delivers it', () => {
    // given a throw event that waited 09:00-09:30 for a worker, with and without the model's word
    const steps = [
      { ...c2[0], activityInstanceId: 'c2-notify', elementId: 'Notify', elementType: 'intermediateThrowEvent', type: 'ready' as const, at: at('09:00') },
      { ...c2[0], activityInstanceId: 'c2-notify', elementId: 'Notify', elementType: 'intermediateThrowEvent', type: 'completed' as const, at: at('09:30') },
    ];
    const catalog = new Map([['Notify', { id: 'Notify', type: 'intermediateThrowEvent', candidateGroups: [], timeClass: 'externalSystem' as const }]]);

    const [withCatalog] = foldLedger(steps, catalog);
    const [byTypeAlone] = foldLedger(steps);

    expect(withCatalog).toMatchObject({ timeClass: 'externalSystem', externalSystemMs: 30 * MIN, queueMs: 0 });
    expect(byTypeAlone).toMatchObject({ timeClass: 'desk', queueMs: 30 * MIN });
  });

  it('leaves a run that has not ended open', () => {
    const sut = foldActivity(c1.filter(({ activityInstanceId }) => activityInstanceId === 'c1-fix').slice(0, 3));

    // then only the closed stretches count: queue 10:30-11:00
    expect(sut).toMatchObject({ outcome: null, endedAt: null, queueMs: 30 * MIN, processingMs: 0 });
  });
});

describe('handoffsOf', () => {
  it('measures the time from the previous activity completing in another lane to this one becoming ready', () => {
    const sut = handoffsOf(foldLedger([...c1, ...c2]));

    // then c1 Fix (L2) after Triage (L1): 10:00 -> 10:30 = 30 min; c2 Fix (L2) after Split (L1): 09:50 -> 09:50 = 0;
    // the end events follow Fix in the same lane, Triage and Check follow the start and Split in L1: no hand-off
    expect(Object.fromEntries(sut)).toEqual({ 'c1-fix': 30 * MIN, 'c2-fix': 0 });
  });
});
