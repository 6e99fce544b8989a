import type { ApolloServerPlugin } from '@apollo/server';

import { markMutation } from '../../quota/request-priority.js';
import type { Context } from '../context.js';

/**
 * Marks a mutation's request so that all its provider calls, the reads it makes included, spend
 * the writes' reserve of the quota governor (src/quota/request-priority.ts): a read storm must
 * not block scheduling.
 */
export function quotaPriorityPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'mutation') markMutation();
        },
      };
    },
  };
}
