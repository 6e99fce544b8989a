import { BadUserInputError } from '../errors/api-errors.js';
import type { Violation } from '../server/validate-input.js';

/**
 * Checks `_entities(representations:)` before @apollo/subgraph resolves them. Its resolver throws
 * synchronously, part-way through its `map`, on an unknown `__typename`, leaving the promises of
 * the entries before it unobserved: one rejection among them ended the process (issue 9). It
 * also hands a non-entity type (`ProviderInfo`, `Query`) to the `_Entity` union, which then fails
 * as an internal error. A representation is a client's (or a gateway's) input, so every broken
 * one is reported at once as BAD_USER_INPUT naming `representations[i].…`, before any load.
 */
export function checkRepresentations(
  representations: unknown,
  entityTypes: readonly string[],
): void {
  if (!Array.isArray(representations)) return; // graphql-js already refused it
  const violations: Violation[] = [];
  representations.forEach((representation: unknown, index) => {
    const at = `representations[${index}]`;
    if (representation === null || typeof representation !== 'object') {
      violations.push({ field: at, rule: 'type', message: `${at} must be an object` });
      return;
    }
    const { __typename: typename, id } = representation as Record<string, unknown>;
    if (typeof typename !== 'string') {
      violations.push({
        field: `${at}.__typename`,
        rule: 'required',
        message: `${at}.__typename must be one of ${entityTypes.join(', ')}`,
      });
    } else if (!entityTypes.includes(typename)) {
      violations.push({
        field: `${at}.__typename`,
        rule: 'entityType',
        message: `${at}.__typename is not an entity of this subgraph (${entityTypes.join(', ')})`,
      });
    }
    if (typeof id !== 'string') {
      violations.push({
        field: `${at}.id`,
        rule: 'required',
        message: `${at}.id must be a string (the entity key)`,
      });
    }
  });
  if (violations.length === 0) return;
  const first = violations[0]!;
  throw new BadUserInputError(violations.map((v) => v.message).join('; '), {
    field: first.field,
    rule: first.rule,
    violations: violations.slice(0, 20),
  });
}
