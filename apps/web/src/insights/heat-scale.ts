/** A sequential scale from pale yellow to deep orange-red: light enough at its top that names on the shapes stay readable. */
const STOPS = ['#fff6d5', '#ffe08a', '#ffb35c', '#f5813f', '#e04f2f'];

const channels = (hex: string): number[] => [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16));

/** The color at `fraction` (0 to 1, clamped) along evenly spaced hex color stops, mixed between the two nearest. */
export const colorAlong = (stops: readonly string[], fraction: number): string => {
  const position = Math.min(Math.max(fraction, 0), 1) * (stops.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, stops.length - 1);
  const [a, b] = [channels(stops[low]), channels(stops[high])];
  const mixed = a.map((channel, index) => Math.round(channel + (position - low) * (b[index] - channel)));
  return `#${mixed.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
};

/**
 * The time that is not the desk's has scales of its own, so a designed wait of days never
 * stretches the desk's scale of minutes: designed waits pale to mid blue, external-system time
 * pale to mid violet (both light enough for names on a receive or service task).
 */
export const DESIGNED_WAIT_STOPS = ['#eef5fc', '#d3e5f7', '#b2d0f0', '#8db8e6', '#67a0dc'];
export const EXTERNAL_SYSTEM_STOPS = ['#f4f1f8', '#e2daee', '#cdc0e2', '#b6a3d4', '#9d86c6'];

/** The color of `value` on a scale from 0 to `max` (max 0: everything at the bottom), the desk's scale unless other stops are given. */
export const heatColor = (value: number, max: number, stops: readonly string[] = STOPS): string => colorAlong(stops, max > 0 ? value / max : 0);

/** The CSS gradient of a legend, the same stops as the shapes (the desk's by default). */
export const legendGradient = (stops: readonly string[] = STOPS): string => `linear-gradient(to right, ${stops.join(', ')})`;

/** Shapes without data: neither cold nor hot. */
export const NO_DATA_COLOR = '#eceff2';
