import { describe, expect, it } from '@jest/globals';

import { startTestServer } from '../helpers/start-test-server.js';

const INTROSPECT = '{ __schema { queryType { name } } }';

/** Introspection and the playground: on for development, off by default in production. */
describe('production switches', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_PLAYGROUND: 'true' }, true],
    [{ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_PLAYGROUND: 'false' }, false],
  ])(
    'with %j introspection and the playground are %s; _service { sdl } always answers',
    async (env, on) => {
      const server = await startTestServer({ env });
      try {
        const introspection = await server.executeText(INTROSPECT);
        if (on) expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
        else expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

        const sdl = await server.executeText<{ _service: { sdl: string } }>('{ _service { sdl } }');
        expect(sdl.data!._service.sdl).toMatch(/type Meeting/);

        const page = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
        const html = await page.text();
        expect(html.includes('<html') || html.includes('<!DOCTYPE')).toBe(on);
      } finally {
        await server.close();
      }
    },
  );
});
