import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** A server error as pg reports it: a DatabaseError carrying the SQLSTATE. */
const serverError = (code: string, message: string): pg.DatabaseError => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });

/** As TypeORM hands it to the caller: the driver's error inside a QueryFailedError. */
const throughTypeOrm = (driverError: Error): QueryFailedError => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  let silentServer: Server;
  let silentPort: number;
  const accepted: Socket[] = [];

  beforeAll(async () => {
    // accepts TCP connections and never answers, as a frozen PostgreSQL does
    silentServer = createServer((socket) => void accepted.push(socket));
    await new Promise<void>((done) => silentServer.listen(0, '127.0.0.1', done));
    silentPort = (silentServer.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise((done) => silentServer.close(done));
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is shutting down'],
    ['53300', 'sorry, too many clients already'],
    ['57014', 'canceling statement due to statement timeout'],
    ['55P03', 'canceling statement due to lock timeout'],
    ['25P03', 'terminating connection due to idle-in-transaction timeout'],
    ['08006', 'connection failure'],
  ])('recognizes server error %s (%s), bare and wrapped by TypeORM', (code, message) => {
    // given the error as pg raises it and as TypeORM wraps it
    const errors = [serverError(code, message), throughTypeOrm(serverError(code, message))];
    // when classified, then both mean the database is out of reach
    expect(errors.map((error) => isDatabaseUnavailable(error))).toEqual([true, true]);
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint'],
    ['42601', 'syntax error at or near "SELEC"'],
    ['40001', 'could not serialize access due to concurrent update'],
  ])('leaves server error %s (%s) alone: the request, not the database, is at fault', (code, message) => {
    expect(isDatabaseUnavailable(throughTypeOrm(serverError(code, message)))).toBe(false);
  });

  it('recognizes a refused connection (nothing listens on the port)', async () => {
    // given a port nothing listens on any more
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as { port: number };
    await new Promise((done) => closed.close(done));
    const client = new pg.Client({ host: '127.0.0.1', port, connectionTimeoutMillis: 2_000 });
    // when a client connects, then the refusal is recognized
    const error = await client.connect().catch((failure: unknown) => failure);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognizes a connection that times out on a server that does not answer', async () => {
    // given a pool whose server accepts the socket and then says nothing
    const pool = new pg.Pool({ host: '127.0.0.1', port: silentPort, connectionTimeoutMillis: 200 });
    try {
      // when a query needs a connection, then the timeout is recognized
      const error = await pool.query('SELECT 1').catch((failure: unknown) => failure);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(isDatabaseUnavailable(throughTypeOrm(error as Error))).toBe(true);
    } finally {
      await pool.end();
    }
  });

  it.each(['Query read timeout', 'Connection terminated unexpectedly', 'timeout expired', 'Client has encountered a connection error and is not queryable'])(
    "recognizes pg's plain error '%s'",
    (message) => {
      expect(isDatabaseUnavailable(throughTypeOrm(new Error(message)))).toBe(true);
    },
  );

  it('recognizes an outage behind a cause and inside an AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('log-in failed', { cause: new AggregateError([refused]) }))).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect([new Error('relation "instance" does not exist'), new TypeError('x is undefined'), 'text', null, undefined].map((error) => isDatabaseUnavailable(error))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
