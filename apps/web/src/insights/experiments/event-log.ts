import type { ExperimentEvent } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { eventText, formatInstant } from './experiment-format.js';

/** The experiment's history, oldest first: creation, starts, pauses (a guardrail's among them), stop, promotion. */
export const eventLogPanel = (events: readonly ExperimentEvent[]): HTMLElement =>
  panel(
    'events',
    'Event log',
    events.length === 0
      ? element('p', { class: 'empty' }, 'No events yet.')
      : element(
          'div',
          { class: 'table-scroll' },
          dataTable(
            'event-table',
            ['When', 'What', 'Who', 'Why'],
            events.map((event) => ({
              attributes: { 'data-action': event.action, class: event.action === 'guardrailPause' ? 'event-guardrail' : undefined },
              cells: [formatInstant(event.at), eventText(event), event.actor ?? 'the engine', event.reason ?? ''],
            })),
          ),
        ),
  );
