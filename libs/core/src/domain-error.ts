/**
 * Every error a lib raises on purpose. `code` is stable and machine-readable; the one exception
 * filter in apps/engine maps codes to HTTP statuses, so libs never know about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
