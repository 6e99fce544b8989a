import { Counter, type CounterConfiguration, type LabelValues } from 'prom-client';

import { LabelTally } from './label-tally.js';

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
 * increment is one map lookup per label (`LabelTally`). The first increment of a label set
 * goes through the counter itself, so a wrong label name fails there, at once, as it would
 * without the tally.
 */
export class TalliedCounter<L extends string> {
  readonly counter: Counter<L>;
  private readonly name: string;
  private readonly tally: LabelTally<L, Leaf<L>>;

  constructor(config: Omit<CounterConfiguration<L>, 'collect'> & { labelNames: readonly L[] }) {
    this.name = config.name;
    this.tally = new LabelTally(config.name, config.labelNames);
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
    let leaf = this.tally.find(labels);
    if (!leaf) {
      // Checked by prom-client (label names), and shown from now on, at 0 until scraped.
      this.counter.inc(labels, 0);
      leaf = { labels: { ...labels }, value: 0 };
      this.tally.add(labels, leaf);
    }
    leaf.value += value;
  }

  /** The totals into the counter: the tally holds every increment since start. */
  private flush(): void {
    this.counter.reset();
    for (const leaf of this.tally.leaves) this.counter.inc(leaf.labels, leaf.value);
  }
}
