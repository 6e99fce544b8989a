import type { ApolloServerPlugin } from '@apollo/server';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/**
 * An offline playground. Apollo's default landing page loads its sandbox from a CDN and is blank
 * where public CDNs are blocked (TOOLCHAIN.md); `@graphql-yoga/render-graphiql` renders one
 * self-contained GraphiQL page (scripts, styles and workers inlined).
 */
export function offlineGraphiQLPlugin(endpoint: string): ApolloServerPlugin {
  const html = renderGraphiQL({
    endpoint,
    title: 'Meeting & webinar aggregation API',
    defaultQuery: '{\n  providers {\n    provider\n    mode\n  }\n}\n',
  });
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
