import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { endEvent, flow, startEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario } from '../testing/scenario.js';
import { defaultPriority } from './task-priority.js';

const withTask = (attributes: Record<string, string> = {}) => ({
  nodes: [startEvent('start'), userTask('task', { 'tandem:stage': 'diagnosis', 'tandem:valueClass': 'VA', ...attributes }), endEvent('end')],
  flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'end')],
});

describe('task priority', () => {
  it('puts every high-value customer before every standard one, then complaints before transactions before inquiries', () => {
    // given every tier and category
    const order = [
      { customerTier: 'gold', category: 'complaint' },
      { customerTier: 'gold', category: 'transactional' },
      { customerTier: 'gold', category: 'inquiry' },
      { customerTier: 'standard', category: 'complaint' },
      { customerTier: 'standard', category: 'transactional' },
      { customerTier: 'standard', category: 'inquiry' },
    ];

    // when
    const priorities = order.map(defaultPriority);

    // then
    expect(priorities).toEqual([100, 90, 80, 70, 60, 50]);
  });

  it('stores the derived priority, the category and the stage on the task', async () => {
    // given
    const sut = await Scenario.of(withTask());

    // when
    const { effects } = sut.start({ customerTier: 'gold', category: 'complaint' });

    // then
    expect(effectsOf(effects, 'taskCreated')[0].task).toMatchObject({ priority: 100, category: 'complaint', stage: 'diagnosis', valueClass: 'VA' });
  });

  it('takes tandem:priority FEEL over the default rule', async () => {
    // given
    const sut = await Scenario.of(withTask({ 'tandem:priority': '=if amount > 3000 then 95 else 40' }));

    // when
    const { effects } = sut.start({ amount: 5000, customerTier: 'gold' });

    // then
    expect(effectsOf(effects, 'taskCreated')[0].task.priority).toBe(95);
  });

  it('fails with EXPRESSION_FAILED naming the task when tandem:priority yields no whole number from 0 to 100', async () => {
    // given
    const sut = await Scenario.of(withTask({ 'tandem:priority': '=amount' }));

    // when
    const start = () => sut.start({ amount: 250 });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'task' }));
  });
});
