import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import fc from 'fast-check';
import { Options } from 'got';

import {
  leanNativeRequestOptions,
  MATCHES_GOT,
  matchesGot,
} from '../../src/providers/got-native-options.js';
import { closeAgents, createProviderHttpClient } from '../../src/providers/http-client.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';

/** got's own builder, the oracle. */
const gotOwn = (options: Options) =>
  options.createNativeRequestOptions() as Record<string, unknown>;
const lean = (options: Options) => leanNativeRequestOptions.call(options);

/**
 * The lean builder of node's request options (src/providers/got-native-options.ts) stands in
 * for got's own on every provider call, so it must answer exactly what got's answers: the same
 * keys in the same order, and the same values, object identity included (the agent, the
 * headers). got's builder is the oracle; a got upgrade that changes it fails here.
 */
describe('got native request options', () => {
  it('matches got 14 for the installed version (else got’s own builder is used)', () => {
    expect(MATCHES_GOT).toBe(true);
  });

  it('answers what got answers, for any mix of the options that reach it', () => {
    const agent = { http: new http.Agent({ keepAlive: true }), https: new https.Agent() };
    const lookup = dns.lookup;
    const option = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          protocol: fc.constantFrom('http', 'https'),
          path: fc.constantFrom('cgi-bin/meeting/get_info', 'v1/meetings/1', ''),
          query: option(fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string())),
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
          headers: fc.dictionary(fc.stringMatching(/^[a-z-]{1,12}$/), fc.string()),
          withAgent: fc.boolean(),
          withLookup: fc.boolean(),
          family: option(fc.constantFrom(4 as const, 6 as const)),
          localAddress: option(fc.constant('127.0.0.1')),
          maxHeaderSize: option(fc.integer({ min: 1024, max: 65_536 })),
          setHost: fc.boolean(),
          shared: option(fc.boolean()),
          rejectUnauthorized: option(fc.boolean()),
          ca: option(fc.string()),
          minVersion: option(fc.constantFrom('TLSv1.2' as const, 'TLSv1.3' as const)),
        }),
        (o) => {
          const options = new Options(`${o.protocol}://provider.test/${o.path}`, {
            method: o.method,
            headers: o.headers,
            searchParams: o.query,
            ...(o.withAgent && { agent }),
            ...(o.withLookup && { dnsLookup: lookup }),
            dnsLookupIpVersion: o.family,
            localAddress: o.localAddress,
            maxHeaderSize: o.maxHeaderSize,
            setHost: o.setHost,
            cacheOptions: { shared: o.shared },
            https: {
              rejectUnauthorized: o.rejectUnauthorized,
              certificateAuthority: o.ca,
              minVersion: o.minVersion,
            },
          });
          const own = gotOwn(options);
          const ours = lean(options);
          expect(Object.keys(ours)).toEqual(Object.keys(own));
          for (const key of Object.keys(own)) expect(ours[key]).toBe(own[key]);
          expect(matchesGot(options)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves HTTP/2 and unix sockets, which it does not cover, to got’s own builder', () => {
    const h2 = new Options('https://provider.test/x', { http2: true });
    expect(Object.keys(lean(h2))).toEqual(Object.keys(gotOwn(h2)));
    expect(lean(h2).agent).toEqual(gotOwn(h2).agent);
    const unix = new Options('http://unix:/tmp/provider.sock:/x', { enableUnixSockets: true });
    expect(lean(unix).socketPath).toBe('/tmp/provider.sock');
    expect(Object.keys(lean(unix))).toEqual(Object.keys(gotOwn(unix)));
  });

  describe('on a provider client', () => {
    let server: http.Server;
    let baseUrl: string;
    const seen: Array<{
      method?: string;
      url?: string;
      headers: http.IncomingHttpHeaders;
      body: string;
    }> = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, headers: req.headers, body });
          res.setHeader('content-type', 'application/json');
          res.end('{"errcode":0}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('builds every request’s native options with it, and the request is the same', async () => {
      const client = createProviderHttpClient({ provider: Provider.WECOM, baseUrl });
      const builders: unknown[] = [];
      const watched = client.extend({
        hooks: {
          beforeRequest: [(options) => void builders.push(options.createNativeRequestOptions)],
        },
      });
      try {
        const answer = await watched('cgi-bin/meeting/get_info', {
          method: 'POST',
          searchParams: { access_token: 'tok' },
          body: '{"meetingid":"m1"}',
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
        expect(answer.statusCode).toBe(200);
        expect(answer.body).toBe('{"errcode":0}');
        expect(builders).toEqual([leanNativeRequestOptions]);
        expect(seen).toHaveLength(1);
        expect(seen[0]).toMatchObject({
          method: 'POST',
          url: '/cgi-bin/meeting/get_info?access_token=tok',
          body: '{"meetingid":"m1"}',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'meeting-aggregation-api/0.1',
            connection: 'keep-alive',
          },
        });
      } finally {
        closeAgents(client);
      }
    });
  });
});
