import type { IdGenerator } from '../model/ports.js';

/** Ids `id-1`, `id-2`, ... in the order they are asked for. */
export class CounterIds implements IdGenerator {
  private count = 0;

  next(): string {
    this.count += 1;
    return `id-${this.count}`;
  }
}
