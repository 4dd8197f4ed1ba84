import { requestJson } from './http-client.js';

/** The installation's settings the pages write with (GET /api/settings, public). */
export interface Settings {
  /** ISO 4217 code of money figures (TANDEM_CURRENCY on the engine). */
  currency: string;
}

export const getSettings = (): Promise<Settings> => requestJson<Settings>('settings', { signInOnUnauthorized: false });
