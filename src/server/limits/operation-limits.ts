/**
 * The per-operation limits (issue 9), enforced before any upstream call. Every value is
 * configurable by environment (src/config/env.ts; README "Operating it") and the defaults are
 * chosen so that every query the tests and the playground examples send passes, while the
 * measured attacks (a depth-4 `occurrences { meeting }` cycle, 1 000 aliases, 100 aliased
 * creates, 500 `_entities` representations) are refused.
 */
export interface OperationLimits {
  /** Deepest field nesting (`{ a { b } }` is 2). Apollo Router: `max_depth`. */
  maxDepth: number;
  /** Aliased fields in the whole operation. Apollo Router: `max_aliases`. */
  maxAliases: number;
  /** Fields selected on the root type. Apollo Router: `max_root_fields`. */
  maxRootFields: number;
  /** Static demand-control cost (see cost.ts), from the schema's `@cost` / `@listSize`. */
  maxCost: number;
  /** Provider calls one request may cause (estimated statically, then counted at run time). */
  maxUpstreamCalls: number;
  /** Provider writes (creates, cancels) one request may cause. */
  maxUpstreamWrites: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  // `_entities { ... on Meeting { occurrences { meeting { recurrence { weekDays } } } } }` is 6;
  // one more `occurrences { meeting }` round trip is 8.
  maxDepth: 8,
  // graphql-armor's default; a client wanting many meetings has `meetings(ids:)`.
  maxAliases: 15,
  maxRootFields: 10,
  // `meetings(ids: [100 ids]) { occurrences { id } }` costs 100 × (1 + 50) = 5 100.
  maxCost: 10_000,
  // The size of one `meetings(ids:)` batch.
  maxUpstreamCalls: 100,
  maxUpstreamWrites: 5,
});
