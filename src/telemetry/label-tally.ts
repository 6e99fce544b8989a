import type { LabelValues } from 'prom-client';

/**
 * The index of a tallied metric (tallied-counter.ts, tallied-histogram.ts): one leaf per label
 * set, found by its label values in nested maps, one lookup per label, with no key built and
 * hashed. The values themselves are the keys: a label left out is `undefined`, not the text
 * "undefined". Leaves are listed in the order they were first added, as prom-client lists label
 * sets.
 */
export class LabelTally<L extends string, T> {
  private root = new Map<unknown, unknown>();
  private list: T[] = [];

  constructor(
    /** The metric's name, for the error. */
    metric: string,
    private readonly names: readonly L[],
  ) {
    if (names.length === 0) throw new Error(`${metric}: a tally needs labels`);
  }

  /** Every leaf, in the order first added. */
  get leaves(): readonly T[] {
    return this.list;
  }

  find(labels: LabelValues<L>): T | undefined {
    let node: Map<unknown, unknown> | undefined = this.root;
    const last = this.names.length - 1;
    for (let i = 0; i < last && node; i += 1) {
      node = node.get(labels[this.names[i]!]) as Map<unknown, unknown> | undefined;
    }
    return node?.get(labels[this.names[last]!]) as T | undefined;
  }

  /** Adds the leaf of `labels` (not there yet: `find` answered undefined). */
  add(labels: LabelValues<L>, leaf: T): void {
    let node = this.root;
    const last = this.names.length - 1;
    for (let i = 0; i < last; i += 1) {
      const key = labels[this.names[i]!];
      let next = node.get(key) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        node.set(key, next);
      }
      node = next;
    }
    node.set(labels[this.names[last]!], leaf);
    this.list.push(leaf);
  }

  clear(): void {
    this.root = new Map();
    this.list = [];
  }
}
