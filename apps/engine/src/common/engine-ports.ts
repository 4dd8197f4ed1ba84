import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '#engine';

/** Injection tokens for the engine's ports: e2e tests override CLOCK to jump time. */
export const CLOCK = Symbol('Clock');
export const ID_GENERATOR = Symbol('IdGenerator');

export const systemClock: Clock = { now: () => new Date() };

export const uuidGenerator: IdGenerator = { next: () => randomUUID() };
