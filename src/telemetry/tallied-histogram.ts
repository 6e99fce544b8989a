import {
  Histogram,
  type HistogramConfiguration,
  type LabelValues,
  type Metric,
  type Registry,
} from 'prom-client';

import { LabelTally } from './label-tally.js';

interface Leaf<L extends string> {
  labels: LabelValues<L>;
  /** Observations per bucket (not cumulative), in the order of the upper bounds. */
  buckets: number[];
  sum: number;
  count: number;
}

type Config<L extends string> = Pick<HistogramConfiguration<L>, 'name' | 'help'> & {
  labelNames: readonly L[];
  buckets: readonly number[];
  registers: Registry[];
};

/** What the registry asks a metric for (prom-client's `MetricObjectWithValues`, less `collect`). */
interface MetricAnswer<V> {
  name: string;
  help: string;
  type: 'histogram';
  aggregator: 'sum';
  values: V[];
}

/** A value as the registry prints it (`get`, `getMetricsAsJSON`). */
interface JsonValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
  exemplar?: null;
}

/** A value as prom-client's Histogram hands it to the registry for the text exposition. */
interface PromStringValue<L extends string> {
  labels: Record<string, string | number>;
  sharedLabels: LabelValues<L>;
  value: number;
  metricName: string;
  exemplar?: null;
}

/**
 * A histogram for the hot path, answering the registry exactly what prom-client's `Histogram`
 * does (a property test prints both, scrape after scrape), with observations tallied here by
 * label values in nested maps.
 *
 * Why: prom-client's `observe` checks the label names, sorts and hashes the labels into a key
 * and looks the bucket up on every call (~3.5 µs with two to four labels, measured), and a cold
 * read observes twice (its request and its provider call), a 100-id batch 101 times
 * (docs/performance.md "Round 5"). Here an observation is one map lookup per label
 * (`LabelTally`) and a short walk of the bounds. The first observation of a label set also goes through a prom-client
 * Histogram of the same configuration, unregistered, so a wrong label name or value fails at
 * once, with prom-client's error, as it would without the tally.
 *
 * It registers itself (`registerMetric`) as the metric of its name: the registry asks it for its
 * values (`getForPromString` for the text, `get` for JSON) as it asks prom-client's own.
 */
export class TalliedHistogram<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  private readonly tally: LabelTally<L, Leaf<L>>;
  private readonly bounds: readonly number[];
  private readonly checker: Histogram<L>;

  constructor(config: Config<L>) {
    // prom-client's own checks of the name, the label names and the buckets.
    this.checker = new Histogram<L>({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames,
      buckets: [...config.buckets],
      registers: [],
    });
    this.name = config.name;
    this.help = config.help;
    this.tally = new LabelTally(config.name, config.labelNames);
    this.bounds = [...config.buckets];
    for (const registry of config.registers) {
      registry.registerMetric(this as unknown as Metric<L>);
    }
  }

  observe(labels: LabelValues<L>, value: number): void {
    let leaf = this.tally.find(labels);
    if (!leaf) {
      // Checked by prom-client (label names, the value) before it is counted.
      this.checker.observe(labels, value);
      leaf = { labels: { ...labels }, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.tally.add(labels, leaf);
    } else if (!Number.isFinite(value)) {
      // As prom-client refuses at `observe`, not later at the scrape (which would then fail whole).
      throw new TypeError(`Value is not a valid number: ${value}`);
    }
    leaf.sum += value;
    leaf.count += 1;
    // prom-client's `findBound`: the first upper bound the value does not pass; none: +Inf only.
    for (let i = 0; i < this.bounds.length; i += 1) {
      if (value <= this.bounds[i]!) {
        leaf.buckets[i]! += 1;
        break;
      }
    }
  }

  /** The text exposition's values, in prom-client's own shape and order. */
  getForPromString(): MetricAnswer<PromStringValue<L>> {
    const values: PromStringValue<L>[] = [];
    for (const leaf of this.tally.leaves) {
      const bucket = `${this.name}_bucket`;
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i += 1) {
        cumulative += leaf.buckets[i]!;
        values.push({
          labels: { le: this.bounds[i]! },
          sharedLabels: leaf.labels,
          value: cumulative,
          metricName: bucket,
          exemplar: null,
        });
      }
      values.push(
        {
          labels: { le: '+Inf' },
          sharedLabels: leaf.labels,
          value: leaf.count,
          metricName: bucket,
          exemplar: null,
        },
        { labels: {}, sharedLabels: leaf.labels, value: leaf.sum, metricName: `${this.name}_sum` },
        {
          labels: {},
          sharedLabels: leaf.labels,
          value: leaf.count,
          metricName: `${this.name}_count`,
        },
      );
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  /** The JSON values (`getMetricsAsJSON`): each value's labels with its label set merged in. */
  get(): MetricAnswer<JsonValue> {
    const data = this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...value }) => ({
        ...value,
        labels: Object.assign(labels, sharedLabels),
      })),
    };
  }

  reset(): void {
    this.tally.clear();
    this.checker.reset();
  }
}
