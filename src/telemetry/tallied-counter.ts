import { Counter, type CounterConfiguration, type LabelValues } from 'prom-client';

interface Leaf<L extends string> {
  labels: LabelValues<L>;
  value: number;
}

/**
 * A prom-client `Counter` for the hot path: increments are added up here, by label values in
 * nested maps, and handed to the counter when the registry is scraped (its `collect`). The
 * scrape answers exactly what `Counter.inc` on every call would have.
 *
 * Why: prom-client checks and hashes the labels on every `inc` (~2.5 µs with four labels,
 * measured), and a cold read counts three times (its request, its provider call and that
 * call's attempt), a 100-id batch 201 times (docs/performance.md "Round 4"). Here an
 * increment is one map lookup per label. The first increment of a label set goes through the
 * counter itself, so a wrong label name fails there, at once, as it would without the tally.
 */
export class TalliedCounter<L extends string> {
  readonly counter: Counter<L>;
  private readonly name: string;
  private readonly names: readonly L[];
  private readonly root = new Map<unknown, unknown>();
  private readonly leaves: Leaf<L>[] = [];

  constructor(config: Omit<CounterConfiguration<L>, 'collect'> & { labelNames: readonly L[] }) {
    if (config.labelNames.length === 0) throw new Error(`${config.name}: a tally needs labels`);
    this.name = config.name;
    this.names = config.labelNames;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- `collect` is called with the counter as `this`
    const tally = this;
    this.counter = new Counter<L>({
      ...config,
      collect() {
        tally.flush();
      },
    });
  }

  inc(labels: LabelValues<L>, value = 1): void {
    // As prom-client refuses at `inc`, not later at the scrape (which would then fail whole).
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`${this.name}: a counter only goes up, by a finite amount`);
    }
    const last = this.names.length - 1;
    let node = this.root;
    for (let i = 0; i < last; i += 1) {
      // The value itself is the key (a label left out is `undefined`, not the text "undefined").
      const key = labels[this.names[i]!];
      let next = node.get(key) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        node.set(key, next);
      }
      node = next;
    }
    const key = labels[this.names[last]!];
    let leaf = node.get(key) as Leaf<L> | undefined;
    if (!leaf) {
      // Checked by prom-client (label names), and shown from now on, at 0 until scraped.
      this.counter.inc(labels, 0);
      leaf = { labels: { ...labels }, value: 0 };
      node.set(key, leaf);
      this.leaves.push(leaf);
    }
    leaf.value += value;
  }

  /** The totals into the counter: the tally holds every increment since start. */
  private flush(): void {
    this.counter.reset();
    for (const leaf of this.leaves) this.counter.inc(leaf.labels, leaf.value);
  }
}
