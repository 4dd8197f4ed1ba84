import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { JsonLogger } from './json-logger.js';
import { noteInstance, requestContextMiddleware } from './request-context.js';

/** Collects what pino writes, one parsed object per line. */
const capture = () => {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, destination: { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) } };
};

/** Runs `work` as a request with the given X-Request-Id would be served. */
const inRequest = (requestId: string | undefined, work: () => void): Record<string, string> => {
  const headers: Record<string, string> = {};
  const request = { header: (name: string) => (name === 'x-request-id' ? requestId : undefined) } as unknown as Request;
  const response = { setHeader: (name: string, value: string) => void (headers[name] = value) } as unknown as Response;
  requestContextMiddleware(request, response, work as NextFunction);
  return headers;
};

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, context and message', () => {
    // given a logger at the default levels
    const { lines, destination } = capture();
    const sut = new JsonLogger(['error', 'warn', 'log'], destination);
    // when Nest logs through it
    sut.log('Tandem engine ready', 'Tandem');
    sut.debug('not shown at this level', 'Tandem');
    // then one line, at info, with the context
    expect(lines).toEqual([expect.objectContaining({ level: 30, service: 'tandem-engine', context: 'Tandem', message: 'Tandem engine ready' })]);
  });

  it('adds the request id and the instance id of the request being served', () => {
    // given a logger and a request with a caller's id that works on an instance
    const { lines, destination } = capture();
    const sut = new JsonLogger(['error', 'warn', 'log'], destination);
    const headers = inRequest('trace-42', () => {
      noteInstance('instance-7');
      sut.warn('Timer failed', 'JobRunner');
    });
    // then the line names both, and the id is answered back
    expect(lines).toEqual([expect.objectContaining({ level: 40, requestId: 'trace-42', instanceId: 'instance-7', message: 'Timer failed' })]);
    expect(headers).toEqual({ 'X-Request-Id': 'trace-42' });
  });

  it('replaces a request id that does not look like one, and logs errors with their stack', () => {
    const { lines, destination } = capture();
    const sut = new JsonLogger(['error'], destination);
    const headers = inRequest('bad id with spaces and <tags>', () => sut.error('Commit failed', 'Error: boom\n    at x', 'InstanceCommands'));
    expect(headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, requestId: headers['X-Request-Id'], context: 'InstanceCommands', stack: 'Error: boom\n    at x', message: 'Commit failed' }),
    ]);
  });
});
