import type { PropertyChange, PropertyValue } from '#bpmn';

/** `userTask` -> `user task`. */
export const typeLabel = (type: string): string => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export const formatValue = (value: PropertyValue): string => {
  if (value === null) return '(not set)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

export const describeChange = (change: PropertyChange): string => `${change.property}: ${formatValue(change.before)} → ${formatValue(change.after)}`;

/** A signed figure, with a true minus sign: −8, +2, 0. */
export const signed = (value: number, format: (value: number) => string = String): string => (value > 0 ? `+${format(value)}` : value < 0 ? `−${format(-value)}` : '0');
