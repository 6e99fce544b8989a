import http from 'node:http';

import autocannon from 'autocannon';

/**
 * Load generation: autocannon for throughput runs, and a sequential keep-alive probe for
 * latency without queueing (autocannon's percentiles are whole milliseconds; the added-latency
 * goal is a fraction of one). Every answer is checked: a non-200 or a GraphQL `errors` entry is
 * a bad answer and fails the run.
 */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
  /** The first bad answer, for the report. */
  firstBad?: string;
}

export interface Target {
  url: string;
  /** The same body every time, or one per request (e.g. ids drawn from a Zipf law). */
  body: string | (() => string);
}

export async function runLoad(
  target: Target,
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  let bad = 0;
  let firstBad: string | undefined;
  const { body } = target;
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(typeof body === 'string' ? { body } : {}),
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        ...(typeof body === 'function'
          ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) }
          : {}),
        onResponse: (status: number, responseBody: string) => {
          if (status !== 200 || responseBody.includes('"errors"')) {
            bad += 1;
            firstBad ??= `${status} ${responseBody.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad: bad + result.errors + result.timeouts,
    firstBad,
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One POST over a kept-alive connection; resolves with the answer's status and body. */
function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Median and p99 of `count` requests sent one at a time (no queueing: the latency a request
 * pays, not the wait behind others), ms with µs resolution. `ok` judges each answer.
 */
export async function probeLatency(
  url: string,
  body: string,
  count: number,
  ok: (status: number, text: string) => boolean,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < count + 20; i++) {
    const started = process.hrtime.bigint();
    const { status, text } = await post(url, body);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!ok(status, text))
      throw new Error(`bad answer from ${url}: ${status} ${text.slice(0, 300)}`);
    if (i >= 20) times.push(ms); // the first 20 warm up
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.floor(q * (times.length - 1))]! * 1000) / 1000;
  return { p50: at(0.5), p99: at(0.99) };
}

/** A sampler of 0..n-1 with P(k) ∝ 1/(k+1)^s (Zipf): a few ids are read far more than the rest. */
export function zipf(n: number, s = 1): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative.push(total);
  }
  return () => {
    const x = Math.random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
