import { describe, expect, it } from '@jest/globals';
import type { ActivityInstance, InstanceState } from '../model/state.js';
import { variablesVisibleAt } from './variables.js';

const activity = (id: string, variables: Record<string, unknown>, scopeId?: string): ActivityInstance => ({
  id,
  elementId: id,
  elementType: scopeId === undefined ? 'subProcess' : 'serviceTask',
  state: 'started',
  readyAt: '2026-03-02T09:00:00.000Z',
  boundaryTimerIds: [],
  variables,
  ...(scopeId !== undefined && { scopeId }),
});

describe('variablesVisibleAt', () => {
  it("gives a worker the instance's variables, then the enclosing scope's locals, then the task's own, the innermost winning", () => {
    // given a task with input mappings inside a sub-process with a local of the same name as an instance variable
    const state = {
      id: 'instance-1',
      variables: { customer: 'C-7', region: 'north' },
      activities: [
        activity('scope', { region: 'south', ticket: 4 }),
        activity('call', { url: 'https://api.example.com', ticket: 5 }, 'scope'),
        activity('other', { noise: true }, 'scope'),
      ],
    } as unknown as InstanceState;

    // when
    const visible = variablesVisibleAt(state, 'call');

    // then
    expect(visible).toEqual({ customer: 'C-7', region: 'south', ticket: 5, url: 'https://api.example.com' });
  });
});
