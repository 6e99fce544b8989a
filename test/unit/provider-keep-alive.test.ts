import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { closeAgents, createProviderHttpClient } from '../../src/providers/http-client.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';

/**
 * A provider socket is dropped before the provider drops it: a call sent on a socket the
 * provider is closing fails with ECONNRESET, which for a write means OUTCOME_UNKNOWN (the bench
 * saw it after idle spells). A Node server announces `Keep-Alive: timeout=2` here; the client
 * must stop reusing its socket a second before, so a call 1.5 s later opens a new connection.
 */
describe('provider keep-alive', () => {
  let server: http.Server;
  let baseUrl: string;
  let connections = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('{}'));
    server.keepAliveTimeout = 2000;
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('honours the provider Keep-Alive timeout: no reuse of a socket about to be closed', async () => {
    const client = createProviderHttpClient({ provider: Provider.WECOM, baseUrl });
    try {
      const first = await client.get('ping');
      expect(first.headers['keep-alive']).toBe('timeout=2');
      // Reused at once: keep-alive is on.
      await client.get('ping');
      expect(connections).toBe(1);
      // Past the announced 2 s less a second, before the server's own close.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await client.get('ping');
      expect(connections).toBe(2);
    } finally {
      closeAgents(client);
    }
  });
});
