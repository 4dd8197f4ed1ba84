import type { Settings } from '#api-types';
import { requestJson } from './http-client.js';

/** The installation's settings the pages write with. */
export type { Settings };

export const getSettings = (): Promise<Settings> => requestJson<Settings>('settings', { signInOnUnauthorized: false });
