import { createHash } from 'node:crypto';

import { authorizeList } from '../auth/rules.js';
import { BadUserInputError } from '../errors/api-errors.js';
import { checkOperation, type CapabilityKind } from '../providers/capabilities.js';
import type { ListPage, ListQuery } from '../providers/meeting-provider.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import { meetingGlobalId, webinarGlobalId } from '../schema/ids.js';
import type { Meeting } from '../schema/types/meeting.type.js';
import type { Webinar } from '../schema/types/webinar.type.js';
import { ListState } from '../schema/enums/list-state.enum.js';
import type { ListFilterBase } from '../schema/inputs/list-filter.input.js';
import type { Context } from '../server/context.js';

/** `first` when not given, and its ceiling (issue 12: `first` ≤ 50). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

const CURSOR_VERSION = 1;

/** What a cursor carries: the data source's position, bound to the list it came from. */
interface CursorBody {
  v: number;
  /** A digest of the operation and the resolved filter: a cursor only continues its own list. */
  l: string;
  /** The data source's own position (ListItem.position). */
  p: string;
}

/** A list field's size for a router's demand control: a page of `first`, at most MAX_PAGE_SIZE. */
export const LIST_SIZE_DIRECTIVE = `@listSize(assumedSize: ${MAX_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)`;

/** The `first` and `after` arguments every list field takes (Relay). */
export const FIRST_ARG = {
  nullable: true,
  description: `How many (1–${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).`,
} as const;
export const AFTER_ARG = {
  nullable: true,
  description: 'The `endCursor` (or an edge `cursor`) of the page before.',
} as const;

export interface Connection<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * One page of `listMeetings` / `listWebinars` (issue 12), the same for both: who may list whose,
 * the capability, `first` and `after` checked before any request, the data source asked for one
 * page, and its positions wrapped in opaque cursors. A cursor is bound to the operation and filter
 * it came from (another filter → BAD_USER_INPUT on `after`), so a provider's paging (page numbers,
 * `pos`/`cursory`, id windows) never shows and never mixes.
 */
export async function listConnection<T extends { id: string }>(
  ctx: Context,
  args: {
    operation: 'listMeetings' | 'listWebinars';
    kind: Extract<CapabilityKind, 'meeting' | 'webinar'>;
    filter: ListFilterBase;
    first?: number | null;
    after?: string | null;
  },
  list: (query: Omit<ListQuery<T>, 'details'>) => Promise<ListPage<T>>,
): Promise<Connection<T>> {
  const { operation, kind, filter } = args;
  const organizer = authorizeList(ctx.caller, filter.organizer, operation);
  if (!organizer) {
    throw new BadUserInputError('filter.organizer is required: whose list?', {
      field: 'filter.organizer',
      rule: 'required',
    });
  }
  checkOperation(
    filter.provider,
    ctx.registry.get(filter.provider).capabilities,
    kind,
    'list',
    operation,
  );
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, {
      field: 'first',
      rule: 'range',
    });
  }
  const state = filter.state ?? ListState.UPCOMING;
  const listKey = digest([
    operation,
    filter.provider,
    organizer,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    state,
  ]);
  const after =
    args.after === undefined || args.after === null ? undefined : readCursor(args.after, listKey);

  const page = await list({
    organizer,
    state,
    // An explicit `null` (the fields are nullable) means no bound, as leaving it out does: the
    // data sources take `undefined` only (the fuzzer found `to: null` reaching Tencent's list).
    from: filter.from ?? undefined,
    to: filter.to ?? undefined,
    first,
    after,
  });
  const items = page.items.slice(0, first);
  const edges = items.map((item) => ({
    node: item.node,
    cursor: writeCursor({ v: CURSOR_VERSION, l: listKey, p: item.position }),
  }));
  for (const { node } of items) {
    if (kind === 'meeting') ctx.loaders.meeting.prime(node.id, node as never);
    else ctx.loaders.webinar.prime(node.id, node as never);
  }
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage || page.items.length > first,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function digest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

function writeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position inside `after`; BAD_USER_INPUT on `after` for anything not ours or not this list's. */
function readCursor(after: string, listKey: string): string {
  const invalid = (rule: string, message: string) =>
    new BadUserInputError(message, { field: 'after', rule });
  let body: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(after)) throw new Error('not base64url');
    body = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', 'after is not a cursor this API gave out');
  }
  const { v, l, p } = (body ?? {}) as Partial<CursorBody>;
  if (v !== CURSOR_VERSION || typeof l !== 'string' || typeof p !== 'string') {
    throw invalid('cursor', 'after is not a cursor this API gave out');
  }
  if (l !== listKey) {
    throw invalid(
      'cursorForOtherList',
      'after belongs to another list (other operation or filter); ask again without it',
    );
  }
  return p;
}

/** An organizer's list with the request's loaders bound (`ListQuery.details`). */
export type Lister<T> = (query: Omit<ListQuery<T>, 'details'>) => Promise<ListPage<T>>;

/**
 * A provider's `listMeetings` / `listWebinars` with the request's loaders bound: where the
 * provider lists ids only (WeCom), the details are read through the loaders (and the read cache).
 */
export function listerFor(ctx: Context, kind: 'meeting', provider: Provider): Lister<Meeting>;
export function listerFor(ctx: Context, kind: 'webinar', provider: Provider): Lister<Webinar>;
export function listerFor(
  ctx: Context,
  kind: 'meeting' | 'webinar',
  provider: Provider,
): Lister<Meeting> | Lister<Webinar> {
  const details = <T>(
    loader: { load(id: string): Promise<T | null> },
    globalId: (providerId: string) => string,
  ) => {
    return (providerIds: readonly string[]) =>
      Promise.all(
        providerIds.map((providerId) =>
          loader.load(globalId(providerId)).catch((error: Error) => error),
        ),
      );
  };
  if (kind === 'meeting') {
    return (query) =>
      ctx.dataSource(provider).listMeetings({
        ...query,
        details: details(ctx.loaders.meeting, (id) =>
          meetingGlobalId(provider, id, query.organizer),
        ),
      });
  }
  return (query) =>
    ctx.dataSource(provider).listWebinars({
      ...query,
      details: details(ctx.loaders.webinar, (id) => webinarGlobalId(provider, id, query.organizer)),
    });
}
