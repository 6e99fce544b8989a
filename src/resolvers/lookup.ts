import type DataLoader from 'dataloader';

import { BadUserInputError } from '../errors/api-errors.js';
import { decodeGlobalIdOf, type GlobalIdKind } from '../schema/ids.js';

export const MAX_BATCH_IDS = 100;

/**
 * Loads a batch of global ids through a loader. A malformed or wrong-kind id gets its own
 * BAD_USER_INPUT entry (naming `ids[i]`); the others still load.
 */
export function loadAll<T>(
  kind: GlobalIdKind,
  ids: string[],
  loader: DataLoader<string, T | null>,
): Promise<Array<T | null | Error>> {
  if (ids.length > MAX_BATCH_IDS) {
    throw new BadUserInputError(`ids takes at most ${MAX_BATCH_IDS} ids`, {
      field: 'ids',
      rule: 'arrayMaxSize',
    });
  }
  return Promise.all(
    ids.map(async (id, i) => {
      try {
        decodeGlobalIdOf(kind, id, `ids[${i}]`);
        return await loader.load(id);
      } catch (error) {
        return error as Error;
      }
    }),
  );
}
