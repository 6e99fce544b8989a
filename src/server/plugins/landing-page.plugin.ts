import type { ApolloServerPlugin } from '@apollo/server';

/**
 * An offline playground. Apollo's default landing page loads its sandbox from a CDN and is blank
 * where public CDNs are blocked (TOOLCHAIN.md); `@graphql-yoga/render-graphiql` renders one
 * self-contained GraphiQL page (scripts, styles and workers inlined). That bundle is ~30 MiB of
 * heap once loaded, so it is imported only when the playground is on (docs/performance.md).
 */
export function offlineGraphiQLPlugin(endpoint: string): ApolloServerPlugin {
  return {
    async serverWillStart() {
      const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
      const html = renderGraphiQL({
        endpoint,
        title: 'Meeting & webinar aggregation API',
        defaultQuery: '{\n  providers {\n    provider\n    mode\n  }\n}\n',
      });
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
