import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from './request-context.js';

const PINO_LEVEL: Record<LogLevel, string> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Nest's logger as one JSON object per line (pino), for a log stack to index: level, time, the
 * Nest context (which part of the engine), and the request id and instance id of the request being
 * served when there is one.
 */
export class JsonLogger implements LoggerService {
  private readonly logger: Logger;

  constructor(levels: readonly LogLevel[], destination?: DestinationStream) {
    const lowest = [...levels].sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0] ?? 'log';
    this.logger = pino(
      {
        level: PINO_LEVEL[lowest],
        base: { service: 'tandem-engine' },
        messageKey: 'message',
        mixin: () => ({ ...currentRequestContext() }),
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (the logger's name) last, and for errors a stack before it. */
  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields = { ...(context !== undefined && { context }), ...(stack !== undefined && { stack }) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}

const RANK: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
