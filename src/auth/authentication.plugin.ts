import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import type { RequestPlugin } from '../server/plugins/compose-plugins.js';
import type { Caller } from './caller.js';
import type { UnauthenticatedError } from './unauthenticated-error.js';

/**
 * Requests whose token was refused, by their caller (one fresh anonymous Caller per refused
 * request): the shared `Context` shape stays as it is, and the key survives Apollo's shallow
 * copy of the context.
 */
const refused = new WeakMap<Caller, UnauthenticatedError>();

/**
 * The caller of a request whose token was refused: it reaches no resolver but `_service`, and
 * has no identity and no scope. Recorded so that `authenticationPlugin` refuses the request.
 */
export function refusedCaller(error: UnauthenticatedError): Caller {
  const caller: Caller = Object.freeze({ trusted: false, userId: null, scopes: new Set<never>() });
  refused.set(caller, error);
  return caller;
}

/** Root fields answered without a token: routers fetch the SDL unauthenticated. */
const PUBLIC_ROOT_FIELDS = new Set(['_service', '__typename']);

/**
 * Refuses a request without a valid token once its operation is known and before anything
 * executes (so before any provider call), unless it asks only for `_service` (and
 * `__typename`). Parse and validation errors come first: they concern the document alone, and
 * the schema they may name is public through `_service { sdl }`.
 */
export function authenticationPlugin(): RequestPlugin<{ caller: Caller }> {
  return {
    requestDidStart({ contextValue }) {
      const error = refused.get(contextValue.caller);
      if (!error) return;
      return {
        didResolveOperation({ document, operation }) {
          if (operation && isPublicOperation(document, operation)) return;
          throw error;
        },
      };
    },
  };
}

export function isPublicOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean {
  if (operation.operation !== 'query') return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const seen = new Set<string>();
  const onlyPublic = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return PUBLIC_ROOT_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return onlyPublic(selection.selectionSet);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) return false;
      if (seen.has(name)) return true; // checked already (validation refuses cycles)
      seen.add(name);
      return onlyPublic(fragment.selectionSet);
    });
  return onlyPublic(operation.selectionSet);
}
