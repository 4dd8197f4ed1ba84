/**
 * The HTTP status of a domain error code. The map of every code sits beside app.module.ts
 * (error-status.ts) and is handed to CommonModule, so common/ names no feature's codes.
 */
export type StatusForCode = (code: string) => number;

export const STATUS_FOR_CODE = Symbol('StatusForCode');
