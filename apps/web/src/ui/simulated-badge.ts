import { element } from './dom.js';
import './simulated-badge.css';

/**
 * The mark on every figure that rests on simulated cases (`npm run demo` writes them): the
 * reports count them in `simulatedCases`, and a page showing such figures says so next to them.
 */
export const simulatedBadge = (simulatedCases: number): HTMLElement =>
  element(
    'span',
    {
      class: 'simulated-badge',
      'data-role': 'simulated-badge',
      title: `${simulatedCases} cases of the versions shown come from a simulation (npm run demo), not from real work`,
    },
    'Simulated data',
  );

/** Puts the badge into `slot` when there are simulated cases, empties it otherwise. */
export const showSimulated = (slot: HTMLElement, simulatedCases: number | undefined): void => {
  slot.replaceChildren(...(simulatedCases ? [simulatedBadge(simulatedCases)] : []));
};
