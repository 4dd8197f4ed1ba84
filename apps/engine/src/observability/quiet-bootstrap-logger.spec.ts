import { describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { QuietBootstrapLogger } from './quiet-bootstrap-logger.js';

const recording = () => {
  const lines: string[] = [];
  const inner: LoggerService = {
    log: (message: unknown, context?: unknown) => lines.push(`log ${String(context)}: ${String(message)}`),
    debug: (message: unknown, context?: unknown) => lines.push(`debug ${String(context)}: ${String(message)}`),
    error: () => undefined,
    warn: () => undefined,
  };
  return { inner, lines };
};

describe('QuietBootstrapLogger', () => {
  it("given Nest's route and module lines, then they go to debug and the engine's own lines stay at log", () => {
    const { inner, lines } = recording();
    const sut = new QuietBootstrapLogger(inner);

    sut.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    sut.log('AppModule dependencies initialized', 'InstanceLoader');
    sut.log('customer-service v1 deployed', 'Tandem');

    expect(lines).toEqual([
      'debug RouterExplorer: Mapped {/api/health, GET} route',
      'debug InstanceLoader: AppModule dependencies initialized',
      'log Tandem: customer-service v1 deployed',
    ]);
  });
});
