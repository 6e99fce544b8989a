import { currentRequestScope } from '../server/limits/upstream-budget.js';

/**
 * Which GraphQL requests spend the writes' reserve (buckets.ts): mutations, for ALL their provider
 * calls. A create reads back what it made (Tencent, WeCom) and a cancel reads first
 * (docs/README "The same situation gets the same answer"): were those reads refused with the
 * reads of a storm, the storm would block scheduling after all. Marked per request scope (the
 * AsyncLocalStorage store the upstream budget rides), by quota-priority.plugin.ts once Apollo
 * knows the operation type.
 */
const mutations = new WeakSet<object>();

/** Marks the current request as a mutation. */
export function markMutation(): void {
  const scope = currentRequestScope();
  if (scope) mutations.add(scope);
}

/** Whether the provider call being made serves a mutation. */
export function servesMutation(): boolean {
  const scope = currentRequestScope();
  return scope !== undefined && mutations.has(scope);
}
