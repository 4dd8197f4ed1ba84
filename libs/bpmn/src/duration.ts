import { pattern } from 'iso8601-duration';

/** ISO 8601 durations such as `PT4H` or `P3D` (not `P` alone, which the pattern would accept). */
export const isIsoDuration = (text: string): boolean => /\d/.test(text) && new RegExp(`^${pattern.source}$`).test(text.trim());
