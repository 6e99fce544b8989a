import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  Kind,
  type ASTVisitor,
  type GraphQLError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

import { OperationLimitError } from './operation-limit-error.js';
import type { OperationLimits } from './operation-limits.js';

/**
 * The shape limits as graphql-js validation rules, so they run once per document (Apollo caches
 * validation) and before anything executes. Depth and aliases are graphql-armor's counting
 * (fragments followed, cycles cut, introspection's `__schema` not counted); their rejection is
 * re-reported as our error with Apollo Router's code instead of armor's "Syntax Error" text.
 * Root fields are counted here: armor has no such rule.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // Router counts fields, not the fragments that hold them (`... on Meeting` is not a level).
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        report(
          () =>
            new OperationLimitError(
              'MAX_DEPTH_LIMIT',
              `the operation nests fields deeper than the limit of ${limits.maxDepth}`,
              { limit: 'depth', max: limits.maxDepth },
            ),
        ),
      ],
    }) as unknown as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [
        report(
          () =>
            new OperationLimitError(
              'MAX_ALIASES_LIMIT',
              `the operation uses more aliases than the limit of ${limits.maxAliases}; batch with meetings(ids:) or webinars(ids:)`,
              { limit: 'aliases', max: limits.maxAliases },
            ),
        ),
      ],
    }) as unknown as ValidationRule,
    maxRootFieldsRule(limits.maxRootFields),
  ];
}

function report(make: () => OperationLimitError) {
  return (context: ValidationContext | null, _armorError: GraphQLError) =>
    context?.reportError(make());
}

/** Counts the root fields of each operation (through fragments on the root type). */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const count = countFields(operation.selectionSet, context, new Set());
      if (count > max) {
        context.reportError(
          new OperationLimitError(
            'MAX_ROOT_FIELDS_LIMIT',
            `the operation selects ${count} root fields, more than the limit of ${max}`,
            { limit: 'rootFields', max },
          ),
        );
      }
    },
  });
}

function countFields(
  selectionSet: SelectionSetNode,
  context: ValidationContext,
  seen: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value); // a fragment cycle is reported by graphql-js itself
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}
