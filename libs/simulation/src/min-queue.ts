/**
 * A binary min-heap on (key, insertion order): the future event list of the discrete-event loop
 * (key: time) and each pool's task queue (key: 0 for first come first served, minus the priority
 * otherwise). Equal keys leave in insertion order, so a seed replays exactly.
 */
export class MinQueue<T> {
  private readonly heap: { key: number; order: number; item: T }[] = [];
  private scheduled = 0;

  get size(): number {
    return this.heap.length;
  }

  push(key: number, item: T): void {
    const heap = this.heap;
    heap.push({ key, order: this.scheduled++, item });
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!before(heap[child], heap[parent])) break;
      [heap[child], heap[parent]] = [heap[parent], heap[child]];
      child = parent;
    }
  }

  /** The key of the first item, without taking it. */
  peekKey(): number | undefined {
    return this.heap[0]?.key;
  }

  pop(): { key: number; item: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let first = parent;
        if (left < heap.length && before(heap[left], heap[first])) first = left;
        if (right < heap.length && before(heap[right], heap[first])) first = right;
        if (first === parent) break;
        [heap[parent], heap[first]] = [heap[first], heap[parent]];
        parent = first;
      }
    }
    return { key: top.key, item: top.item };
  }
}

const before = (a: { key: number; order: number }, b: { key: number; order: number }): boolean => a.key < b.key || (a.key === b.key && a.order < b.order);
