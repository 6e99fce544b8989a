import type { Context } from '../context.js';
import type { RequestPlugin } from './compose-plugins.js';

/**
 * Marks a mutation's request (`UpstreamScope.mutation`) so that all its provider calls, the reads
 * it makes included, spend the writes' reserve of the quota governor (src/quota/buckets.ts): a
 * read storm must not block scheduling.
 */
export function quotaPriorityPlugin(): RequestPlugin<Context> {
  return {
    requestDidStart({ contextValue }) {
      const { upstream } = contextValue;
      if (!upstream) return;
      return {
        didResolveOperation({ operation }) {
          if (operation?.operation === 'mutation') upstream.mutation = true;
        },
      };
    },
  };
}
