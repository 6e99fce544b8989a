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
  /**
   * After a write through this API (create, update, cancel, end): `value` (the provider's answer)
   * replaces what this request holds for `id`; `undefined` forgets it. The one place every write
   * reports to, so shared read state (the scale-out issue's read cache) is invalidated here too.
   */
  written(kind: 'meeting', id: string, value?: Meeting): Promise<void>;
  written(kind: 'webinar', id: string, value?: Webinar): Promise<void>;
}

/**
 * Per-request DataLoaders (STYLE habit 4): a batch is grouped per provider and handed to that
 * provider's data source in one call; the answer is aligned to the keys, with an Error for each
 * key that failed so one bad id never fails its neighbours. Duplicate ids in a request are
 * loaded once (DataLoader's cache), so N distinct ids make at most N upstream reads.
 */
export function createLoaders(dataSource: (provider: Provider) => MeetingProvider): Loaders {
  const meeting = new DataLoader<string, Meeting | null>((ids) =>
    batchByProvider(ids, (provider, refs) => dataSource(provider).getMeetings(refs)),
  );
  const webinar = new DataLoader<string, Webinar | null>((ids) =>
    batchByProvider(ids, (provider, refs) => dataSource(provider).getWebinars(refs)),
  );
  const written = (
    kind: 'meeting' | 'webinar',
    id: string,
    value?: Meeting | Webinar,
  ): Promise<void> => {
    const loader = (kind === 'meeting' ? meeting : webinar) as DataLoader<
      string,
      Meeting | Webinar | null
    >;
    loader.clear(id);
    if (value) loader.prime(id, value);
    return Promise.resolve();
  };
  return { meeting, webinar, written: written as Loaders['written'] };
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
