import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callHttp } from './http-call.js';
import { readHttpJsonRequest } from './http-json-request.js';
import { BlockedTargetError, TargetHostPolicy } from './target-hosts.js';

describe('callHttp', () => {
  let server: Server;
  let port: number;
  let calls = 0;

  beforeAll(async () => {
    // given a server on this machine
    server = createServer((req, res) => {
      calls += 1;
      if (req.url === '/text') res.writeHead(200, { 'content-type': 'text/plain' }).end('plain');
      else if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const call = (url: string, allowedHosts?: string[]) => callHttp(readHttpJsonRequest({ url }), new TargetHostPolicy(allowedHosts));

  it('answers the status, headers and the body, parsed when it is JSON', async () => {
    // when
    const json = await call(`http://127.0.0.1:${port}/json`, [`127.0.0.1:${port}`]);
    const text = await call(`http://127.0.0.1:${port}/text`, [`127.0.0.1:${port}`]);
    // then
    expect(json).toMatchObject({ status: 201, headers: { 'content-type': 'application/json' }, body: { ok: true } });
    expect(text).toMatchObject({ status: 200, body: 'plain' });
  });

  it('does not follow a redirect: a 3xx is the answer', async () => {
    expect(await call(`http://127.0.0.1:${port}/redirect`, [`127.0.0.1:${port}`])).toMatchObject({ status: 302 });
  });

  it.each([
    ['a loopback address written in the URL', () => `http://127.0.0.1:${port}/json`],
    ['a name that resolves to a loopback address', () => `http://localhost:${port}/json`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data'],
  ])('without an allowlist, refuses %s before connecting', async (_case, url) => {
    // given
    const before = calls;
    // when
    const calling = call(url());
    // then
    await expect(calling).rejects.toThrow(BlockedTargetError);
    expect(calls).toBe(before);
  });
});
