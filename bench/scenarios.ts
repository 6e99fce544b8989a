/**
 * What `npm run bench` sends. The documents ask the same fields of both servers (the issue's
 * `meeting(id){id subject startTime endTime status}`); the baseline (bench/baseline/server.mjs)
 * answers exactly these documents.
 */
const FIELDS = 'id subject startTime endTime status';

export const READ = `query Read($id: ID!) { meeting(id: $id) { ${FIELDS} } }`;
export const BATCH = `query Batch($ids: [ID!]!) { meetings(ids: $ids) { ${FIELDS} } }`;
export const CREATE = `mutation Create($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${FIELDS} } }`;

export const body = (query: string, variables: object) => JSON.stringify({ query, variables });

/** Whole minutes from the next minute on (umeeting books whole minutes). */
const future = (minutes: number) =>
  new Date((Math.floor(Date.now() / 60_000) + 1 + minutes) * 60_000).toISOString();

/** A create's variables; `organizer` must be a user the provider's emulator accepts. */
export function createInput(provider: string, subject: string, organizer = 'bench') {
  return {
    input: {
      provider,
      subject,
      organizer,
      startTime: future(24 * 60),
      endTime: future(25 * 60),
      // umeeting requires the number of parties (docs/providers/umeeting.md).
      ...(provider === 'UMEETING' ? { capacity: 10 } : {}),
    },
  };
}

/** Each scenario, in run order; `BENCH_SCENARIOS` picks some by name. */
export const SCENARIOS = {
  read: 'meeting(id) on WeCom, one id, cache off: 1 get_info per request (token cached)',
  batch: 'meetings(ids) with 10 WeCom ids, cache off: 10 get_info per request',
  create: 'scheduleMeeting on WeCom: create + 1 get_info read back, on both servers',
  'read-50ms': 'read, with 50 ms added to every WeCom call by the emulator',
  hot: 'meeting(id) with ids drawn from a Zipf law (s = 1) over the seeded ids; this server with the read cache off, on, and the baseline',
  'batch-100':
    'per provider at 50 ms upstream latency: meetings(ids: 100) vs meeting(id), one request at a time, after 30 batches not measured; the baseline on WeCom for what 100 calls cost any server',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;
