/**
 * What a set-up started, to be stopped in reverse order: on a failure half-way through set-up,
 * and again as the suite's close. Every stop runs even when an earlier one fails; the first
 * failure is rethrown after all of them.
 */
export class Teardown {
  private readonly stops: (() => Promise<unknown>)[] = [];

  add<T>(resource: T, stop: (resource: T) => Promise<unknown>): T {
    this.stops.push(() => stop(resource));
    return resource;
  }

  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (const stop of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
