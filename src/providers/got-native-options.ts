import { checkServerIdentity } from 'node:tls';

import { Options, type HandlerFunction } from 'got';

/**
 * The options got hands node's `http.request` for a provider call, built without the one object
 * literal that made them cost more than the rest of got's work before the request.
 *
 * got 14 builds them in `Options#createNativeRequestOptions` as
 * `{ ...internals.cacheOptions, ...this._unixOptions, ALPNProtocols: …, ca: …, … }`: two spreads,
 * then 33 properties the spread objects lack. On Node 20 (V8 11.3) a literal that adds
 * properties after a spread leaves V8's fast object-literal path, and each one added costs more
 * than the last (measured: 1.3 µs for one, 7.7 µs for five, 19 µs for ten; docs/performance.md
 * "Round 4" and "Round 7"): this one costs **~70 µs** on its own, in a loop, whatever its values.
 * It runs for every HTTP attempt: at 50 calls in flight against a local server, a got call of
 * ours cost 658 µs of CPU with got's builder and 535 µs with this one; node's `http.request`
 * alone, 185 µs (`npm run bench:got`).
 *
 * `leanNativeRequestOptions` returns the same object — the same keys, in the same order, with
 * the same values (the same `headers` and agent objects) — written as one literal. It reads
 * got's `_internals` and `_unixOptions` (private in got's types), so it stands in only where it
 * was checked against got's own builder: at load (`MATCHES_GOT`, a probe over http and https
 * options; test/unit/got-native-options.test.ts checks more), and never for the cases ours do
 * not use and it does not cover (HTTP/2, unix sockets), which go to got's own builder.
 */
export function leanNativeRequestOptions(this: Options): Record<string, unknown> {
  const options = this as unknown as GotOptionsInside;
  const internals = options._internals;
  const url = internals.url;
  if (internals.http2 || options._unixOptions !== undefined || !(url instanceof URL)) {
    return gotNativeRequestOptions.call(this);
  }
  const { https, cacheOptions } = internals;
  return {
    // got spreads `cacheOptions` first; its setter admits these four keys only.
    shared: cacheOptions.shared,
    cacheHeuristic: cacheOptions.cacheHeuristic,
    immutableMinTimeToLive: cacheOptions.immutableMinTimeToLive,
    ignoreCargoCult: cacheOptions.ignoreCargoCult,
    ALPNProtocols: https.alpnProtocols,
    ca: https.certificateAuthority,
    cert: https.certificate,
    key: https.key,
    passphrase: https.passphrase,
    pfx: https.pfx,
    rejectUnauthorized: https.rejectUnauthorized,
    checkServerIdentity: https.checkServerIdentity ?? checkServerIdentity,
    servername: https.serverName,
    ciphers: https.ciphers,
    honorCipherOrder: https.honorCipherOrder,
    minVersion: https.minVersion,
    maxVersion: https.maxVersion,
    sigalgs: https.signatureAlgorithms,
    sessionTimeout: https.tlsSessionLifetime,
    dhparam: https.dhparam,
    ecdhCurve: https.ecdhCurve,
    crl: https.certificateRevocationLists,
    secureOptions: https.secureOptions,
    lookup: internals.dnsLookup ?? internals.dnsCache?.lookup,
    family: internals.dnsLookupIpVersion,
    agent: url.protocol === 'https:' ? internals.agent.https : internals.agent.http,
    setHost: internals.setHost,
    method: internals.method,
    maxHeaderSize: internals.maxHeaderSize,
    localAddress: internals.localAddress,
    headers: internals.headers,
    createConnection: internals.createConnection,
    // got sets a timeout here for HTTP/2 only (which goes to got's own builder above).
    timeout: undefined,
    h2session: internals.h2session,
  };
}

/** What `leanNativeRequestOptions` reads of a got `Options` (got 14.6's field names). */
interface GotOptionsInside {
  _unixOptions?: unknown;
  _internals: {
    url?: unknown;
    http2: boolean;
    cacheOptions: Record<
      'shared' | 'cacheHeuristic' | 'immutableMinTimeToLive' | 'ignoreCargoCult',
      unknown
    >;
    https: Record<string, unknown> & { checkServerIdentity?: unknown };
    agent: { http?: unknown; https?: unknown };
    dnsLookup?: unknown;
    dnsCache?: { lookup?: unknown };
    dnsLookupIpVersion?: unknown;
    setHost: unknown;
    method: unknown;
    maxHeaderSize?: unknown;
    localAddress?: unknown;
    headers: unknown;
    createConnection?: unknown;
    h2session?: unknown;
  };
}

const gotNativeRequestOptions = Options.prototype.createNativeRequestOptions as (
  this: Options,
) => Record<string, unknown>;

/**
 * Whether `leanNativeRequestOptions` answers what got's own builder answers, for an http and an
 * https request with every kind of field ours set (and a few they do not): the same keys in the
 * same order and the same values. False after a got upgrade that changed the builder: then got's
 * own is used, and the unit test fails so that this file is looked at again.
 */
export function matchesGot(options: Options): boolean {
  const own = gotNativeRequestOptions.call(options);
  const lean = leanNativeRequestOptions.call(options);
  const keys = Object.keys(own);
  return (
    keys.join() === Object.keys(lean).join() && keys.every((key) => Object.is(own[key], lean[key]))
  );
}

const probes = (): Options[] => {
  const init = {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', 'user-agent': 'probe' },
    timeout: { connect: 3000, request: 10_000 },
    https: { rejectUnauthorized: false },
    cacheOptions: { shared: false },
    dnsLookupIpVersion: 4 as const,
    localAddress: '127.0.0.1',
    maxHeaderSize: 16_384,
  };
  return [
    new Options('http://provider.test/cgi-bin/meeting/get_info?access_token=probe', init),
    new Options('https://provider.test/v1/meetings/1', { ...init, method: 'GET' }),
  ];
};

/** Checked once, at load: whether the lean builder may stand in for got's. */
export const MATCHES_GOT: boolean = probes().every(matchesGot);

/**
 * The got handler (`got.extend({ handlers })`) that gives each request of a client the lean
 * builder; none when it does not match the installed got (`MATCHES_GOT`).
 */
export const leanNativeOptionsHandlers: HandlerFunction[] = MATCHES_GOT
  ? [
      (options, next) => {
        (options as unknown as { createNativeRequestOptions: unknown }).createNativeRequestOptions =
          leanNativeRequestOptions;
        return next(options);
      },
    ]
  : [];
