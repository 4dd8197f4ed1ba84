import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { createTestApp, type TestApp } from '../e2e/support/test-app.js';
import { ensureWebBuilt, webIndexPath } from './support/web-build.js';

/** The engine serves the built designers' app at `/` beside the API. */
describe('the engine serving the web app', () => {
  let sut: TestApp;

  beforeAll(async () => {
    await ensureWebBuilt();
    sut = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('answers / with the built app and serves its assets', async () => {
    // given the web app built into dist/web
    const built = await readFile(webIndexPath(), 'utf8');
    // when the browser asks for the root
    const page = await request(sut.server).get('/').expect(200);
    // then it gets that page, whose script loads too
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toBe(built);
    expect(page.text).toContain('<title>Tandem');
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await request(sut.server).get(`/${script}`).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('keeps the API and its error shape unchanged', async () => {
    // when the API is called beside the app
    const health = await request(sut.server).get('/api/health').expect(200);
    const unknown = await request(sut.server).get('/api/no-such-resource').expect(404);
    // then it answers JSON as before, and an unknown API path is still the API's 404
    expect(health.body).toMatchObject({ status: 'ok' });
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('answers 404 for a file the app does not have', async () => {
    await request(sut.server).get('/no-such-file.js').expect(404);
  });
});
