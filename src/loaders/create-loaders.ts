import DataLoader from 'dataloader';

import type { MeetingProvider, ResourceRef } from '../providers/meeting-provider.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import { decodeGlobalId } from '../schema/ids.js';
import type { Meeting } from '../schema/types/meeting.type.js';
import type { Webinar } from '../schema/types/webinar.type.js';

export interface Loaders {
  /** Keyed by Meeting global id (already checked by the resolver); null when missing. */
  meeting: DataLoader<string, Meeting | null>;
  webinar: DataLoader<string, Webinar | null>;
}

/**
 * Per-request DataLoaders (STYLE habit 4): a batch is grouped per provider and handed to that
 * provider's data source in one call; the answer is aligned to the keys, with an Error for each
 * key that failed so one bad id never fails its neighbours. Duplicate ids in a request are
 * loaded once (DataLoader's cache), so N distinct ids make at most N upstream reads.
 */
export function createLoaders(dataSource: (provider: Provider) => MeetingProvider): Loaders {
  return {
    meeting: new DataLoader((ids) =>
      batchByProvider(ids, (provider, refs) => dataSource(provider).getMeetings(refs)),
    ),
    webinar: new DataLoader((ids) =>
      batchByProvider(ids, (provider, refs) => dataSource(provider).getWebinars(refs)),
    ),
  };
}

async function batchByProvider<T>(
  ids: readonly string[],
  load: (provider: Provider, refs: ResourceRef[]) => Promise<Array<T | null | Error>>,
): Promise<Array<T | null | Error>> {
  const results: Array<T | null | Error> = new Array(ids.length).fill(null);
  const groups = new Map<Provider, { indexes: number[]; refs: ResourceRef[] }>();
  ids.forEach((id, index) => {
    try {
      const parts = decodeGlobalId(id, 'id');
      const group = groups.get(parts.provider) ?? { indexes: [], refs: [] };
      group.indexes.push(index);
      group.refs.push({
        providerId: parts.providerId,
        organizer: parts.organizer,
        actingUser: parts.actingUser,
      });
      groups.set(parts.provider, group);
    } catch (error) {
      results[index] = error as Error;
    }
  });
  await Promise.all(
    [...groups].map(async ([provider, group]) => {
      try {
        const answers = await load(provider, group.refs);
        group.indexes.forEach((index, i) => {
          results[index] = answers[i] ?? null;
        });
      } catch (error) {
        for (const index of group.indexes) results[index] = error as Error;
      }
    }),
  );
  return results;
}
