import type { DraftView as Draft } from '#api-types';
import { ApiError } from './api-error.js';
import { requestJson } from './http-client.js';

/** The engine's answer (libs/api-types). */
export type { Draft };

const path = (name: string) => `drafts/${encodeURIComponent(name)}`;

/** The signed-in user's draft of that name, or null when there is none. */
export const getDraft = async (name: string): Promise<Draft | null> => {
  try {
    return await requestJson<Draft>(path(name));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'DRAFT_NOT_FOUND') return null;
    throw error;
  }
};

export const saveDraft = (name: string, draft: { xml: string; origin: string }): Promise<Draft> => requestJson<Draft>(path(name), { method: 'PUT', body: draft });

export const discardDraft = (name: string): Promise<void> => requestJson<void>(path(name), { method: 'DELETE' });
