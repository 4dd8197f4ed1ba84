import { expect } from '@jest/globals';

/** Matches a thrown DomainError by code and, optionally, some of its details. */
export const domainError = (code: string, details?: Record<string, unknown>) => expect.objectContaining({ code, ...(details && { details: expect.objectContaining(details) }) });
