/**
 * Every error a lib raises on purpose. `code` is stable and machine-readable; the one exception
 * filter in apps/engine maps codes to HTTP statuses, so libs never know about HTTP.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/**
 * The codes of an `as const` error object (`ErrorCodeOf<typeof BPMN_ERRORS>`): each lib exports
 * the union of its codes, and the app maps every one of them to an HTTP status.
 */
export type ErrorCodeOf<Errors extends Readonly<Record<string, string>>> = Errors[keyof Errors];
