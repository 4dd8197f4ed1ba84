import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from './model/errors.js';
import { domainError } from './testing/domain-error.js';
import { endEvent, exclusiveGateway, flow, startEvent, userTask } from './testing/bpmn-xml.js';
import { Scenario } from './testing/scenario.js';
import { MAX_NODE_ENTRIES } from './token-flow.js';

describe('token flow', () => {
  it('stops a loop of instant nodes with LOOP_LIMIT_EXCEEDED', async () => {
    // given a loop of gateways no token can leave: again -> loop -> again while retry stays true
    const sut = await Scenario.of({
      nodes: [startEvent('start'), exclusiveGateway('again', 'out'), exclusiveGateway('loop'), userTask('task'), endEvent('end')],
      flows: [flow('f1', 'start', 'again'), flow('retry', 'again', 'loop', 'retry = true'), flow('out', 'again', 'task'), flow('back', 'loop', 'again'), flow('f2', 'task', 'end')],
    });

    // when
    const start = () => sut.start({ retry: true });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.loopLimitExceeded, { limit: MAX_NODE_ENTRIES }));
    expect(sut.start({ retry: false }).state.activities).toHaveLength(1);
  });
});
