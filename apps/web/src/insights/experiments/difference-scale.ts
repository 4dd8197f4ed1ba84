import { colorAlong } from '../heat-scale.js';

/**
 * A diverging scale for candidate - baseline times: blue where the candidate is faster, pale at no
 * difference, red where it is slower (blue and red stay apart for the common color-vision
 * deficiencies; the labels say "faster"/"slower" anyway). Ends light enough for the names on the shapes.
 */
const STOPS = ['#4a8fc4', '#9cc6e3', '#dbeaf4', '#f7f7f7', '#f9dccc', '#f1a487', '#d9694f'];

/** The color of a difference on a scale symmetric around 0, from -maxAbs to +maxAbs. */
export const differenceColor = (differenceMs: number, maxAbs: number): string => colorAlong(STOPS, maxAbs > 0 ? 0.5 + differenceMs / (2 * maxAbs) : 0.5);

export const differenceGradient = (): string => `linear-gradient(to right, ${STOPS.join(', ')})`;
