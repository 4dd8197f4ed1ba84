import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadServerConfig } from '../../apps/engine/src/common/config.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('settings: GET /api/settings tells the web app the currency', () => {
  const apps: TestApp[] = [];

  afterAll(async () => {
    // The second app runs on the first one's database: closed first, so the first drops it last.
    for (const app of apps.reverse()) await app.close();
  });

  it('answers the configured currency to anyone, EUR by default', async () => {
    // given an engine started without TANDEM_CURRENCY, and one started with TANDEM_CURRENCY=usd
    const byDefault = await createTestApp();
    apps.push(byDefault);
    const dollars = await createTestApp({ currency: loadServerConfig({ TANDEM_CURRENCY: 'usd' }, '/').currency }, { database: byDefault.database });
    apps.push(dollars);
    // when the web app asks, without signing in
    const first = await request(byDefault.anonymousServer).get('/api/settings');
    const second = await request(dollars.anonymousServer).get('/api/settings');
    // then each answers its own code
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ currency: 'EUR' });
    expect(second.body).toEqual({ currency: 'USD' });
  });

  it('is never reached with an unknown code: the start is refused naming TANDEM_CURRENCY', () => {
    // when the setting is not a code Intl knows, then loading the configuration throws before any app exists
    expect(() => loadServerConfig({ TANDEM_CURRENCY: 'EUROS' }, '/')).toThrow(/^TANDEM_CURRENCY must be an ISO 4217 currency code/);
  });
});
