import DataLoader from 'dataloader';

import type { ReadCache } from '../cache/read-cache.js';
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
  /**
   * A meeting or webinar by its code (`meetingByCode`, `webinarByCode`), through the read cache,
   * and primed into this request's loader under its id; null when the provider knows none.
   */
  byCode(kind: 'meeting', lookup: CodeLookup): Promise<Meeting | null>;
  byCode(kind: 'webinar', lookup: CodeLookup): Promise<Webinar | null>;
}

export interface CodeLookup {
  provider: Provider;
  code: string;
  /** The organizer to act as (required by Tencent). */
  organizer?: string;
}

/**
 * Per-request DataLoaders (STYLE habit 4): a batch is grouped per provider and handed to that
 * provider's data source in one call; the answer is aligned to the keys, with an Error for each
 * key that failed so one bad id never fails its neighbours. Duplicate ids in a request are
 * loaded once (DataLoader's cache), so N distinct ids make at most N upstream reads.
 *
 * With a read cache (src/cache/), the loaders look there first and share their provider reads
 * with every concurrent request, on every instance; `written` invalidates it everywhere.
 */
export function createLoaders(
  dataSource: (provider: Provider) => MeetingProvider,
  cache?: ReadCache,
): Loaders {
  const meetingBatch = (ids: readonly string[]) =>
    batchByProvider(ids, (provider, refs) => dataSource(provider).getMeetings(refs));
  const webinarBatch = (ids: readonly string[]) =>
    batchByProvider(ids, (provider, refs) => dataSource(provider).getWebinars(refs));
  const meeting = new DataLoader<string, Meeting | null>((ids) =>
    cache ? cache.loadMany('meeting', ids, meetingBatch) : meetingBatch(ids),
  );
  const webinar = new DataLoader<string, Webinar | null>((ids) =>
    cache ? cache.loadMany('webinar', ids, webinarBatch) : webinarBatch(ids),
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
    return cache ? cache.invalidate(kind, id) : Promise.resolve();
  };
  const byCode = async (
    kind: 'meeting' | 'webinar',
    { provider, code, organizer }: CodeLookup,
  ): Promise<Meeting | Webinar | null> => {
    const source = dataSource(provider);
    const read = () =>
      kind === 'meeting'
        ? source.getMeetingByCode(code, organizer)
        : source.getWebinarByCode(code, organizer);
    const found = await (cache
      ? cache.byCode<Meeting | Webinar>(kind, { provider, code, organizer }, read)
      : read());
    if (found) {
      const loader = (kind === 'meeting' ? meeting : webinar) as DataLoader<
        string,
        Meeting | Webinar | null
      >;
      loader.prime(found.id, found);
    }
    return found;
  };
  return {
    meeting,
    webinar,
    written: written as Loaders['written'],
    byCode: byCode as Loaders['byCode'],
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
