import { OutcomeUnknownError } from '../errors/api-errors.js';
import type { CapabilityKind } from '../providers/capabilities.js';
import { ListState } from '../schema/enums/list-state.enum.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { Context } from '../server/context.js';
import type { Lister } from './connection.js';

/** Provider pages looked through before giving up on finding a lost create. */
const MAX_PAGES = 3;
/** How far the provider's start may be from the one asked for (it rounds, it picks a series' first). */
const INSTANT_WINDOW_MS = 10 * 60_000;
/** A series starts on the first day on or after the asked start that its rule matches. */
const SERIES_WINDOW_MS = 32 * 24 * 3_600_000;

interface CreateInput {
  provider: Provider;
  organizer: string;
  subject: string;
  startTime?: Date;
  recurrence?: unknown;
}

interface Listed {
  id: string;
  subject: string;
  startTime: Date;
}

/**
 * Recovers a create whose answer was lost (issue 12). No provider here takes an idempotency key,
 * so a create that times out or loses its connection is OUTCOME_UNKNOWN: it may or may not exist.
 * Before answering that, look for it through the organizer's list: a meeting with the same
 * subject, starting when it was asked to (an instant one: around the time the request began).
 * Exactly one → it is the one created: answered as the create's result (and logged as
 * reconciled). None or several → OUTCOME_UNKNOWN with `extensions.candidates` (their global ids),
 * so the caller can decide. No provider list reports when a meeting was created, so a meeting
 * with the same subject and start booked earlier is a candidate too: that is why several matches
 * are never guessed between. Where the provider cannot list, or the list fails, the original
 * OUTCOME_UNKNOWN stands (with `reconciled: false`).
 */
export async function reconcileCreate<T extends Listed>(
  ctx: Context,
  args: {
    kind: Extract<CapabilityKind, 'meeting' | 'instantMeeting' | 'webinar'>;
    operation: string;
    input: CreateInput;
    startedAt: Date;
  },
  create: () => Promise<T>,
  list: Lister<T>,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    const { input, operation } = args;
    const capabilities = ctx.registry.get(input.provider).capabilities;
    const listedAs = args.kind === 'webinar' ? 'webinar' : 'meeting';
    if (!capabilities[listedAs]?.operations.includes('list')) throw error;
    let candidates: T[];
    try {
      candidates = await findCandidates(args, list);
    } catch (lookupError) {
      ctx.log.warn(
        { provider: input.provider, operation, err: lookupError },
        'could not look for a create whose answer was lost',
      );
      throw withCandidates(error, undefined);
    }
    if (candidates.length === 1) {
      const [found] = candidates as [T];
      ctx.log.warn(
        { provider: input.provider, operation, meetingId: found.id },
        'create reconciled: its answer was lost, it was found in the organizer list',
      );
      return found;
    }
    throw withCandidates(
      error,
      candidates.map((c) => c.id),
    );
  }
}

async function findCandidates<T extends Listed>(
  args: { kind: string; input: CreateInput; startedAt: Date },
  list: Lister<T>,
): Promise<T[]> {
  const { input, startedAt } = args;
  const asked = input.startTime ?? startedAt;
  const window = input.recurrence ? SERIES_WINDOW_MS : INSTANT_WINDOW_MS;
  const from = new Date(asked.getTime() - (input.startTime ? 60_000 : INSTANT_WINDOW_MS));
  const to = new Date(asked.getTime() + window);
  const found: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await list({
      organizer: input.organizer,
      state: ListState.UPCOMING,
      from,
      to,
      first: 50,
      after,
    });
    for (const { node } of answer.items) {
      const t = node.startTime.getTime();
      if (node.subject === input.subject && t >= from.getTime() && t < to.getTime()) {
        found.push(node);
      }
    }
    if (!answer.hasNextPage || answer.items.length === 0) break;
    after = answer.items.at(-1)!.position;
  }
  return found;
}

function withCandidates(error: OutcomeUnknownError, candidates: string[] | undefined): Error {
  Object.assign(
    error.extensions,
    candidates === undefined ? { reconciled: false } : { reconciled: false, candidates },
  );
  return error;
}
