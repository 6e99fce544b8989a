import { print } from 'graphql';

import {
  GetMeetingDocument,
  GetMeetingsDocument,
  Provider,
  ProvidersDocument,
  ScheduleMeetingDocument,
} from '../test/__generated__/operations.js';

export interface Scenario {
  name: string;
  description: string;
  /** Which server it targets. */
  target: 'baseline' | 'api';
  /** Prepares data (through the API) and returns the request body to repeat. */
  body(api: (query: string, variables?: unknown) => Promise<unknown>): Promise<string>;
}

const future = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function createWecomMeetings(
  api: (query: string, variables?: unknown) => Promise<unknown>,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = (await api(print(ScheduleMeetingDocument), {
      input: {
        provider: Provider.Wecom,
        subject: `bench ${i}`,
        organizer: 'bench',
        startTime: future(60),
        endTime: future(120),
      },
    })) as { data?: { scheduleMeeting: { id: string } } };
    if (!result.data) throw new Error(`setup failed: ${JSON.stringify(result)}`);
    ids.push(result.data.scheduleMeeting.id);
  }
  return ids;
}

export const scenarios: Scenario[] = [
  {
    name: 'baseline',
    description: 'Plain Apollo Server, SDL + one trivial resolver (no type-graphql, no upstream)',
    target: 'baseline',
    body: () => Promise.resolve(JSON.stringify({ query: '{ hello }' })),
  },
  {
    name: 'providers',
    description: 'providers { provider mode capabilities }: our stack, no upstream call',
    target: 'api',
    body: () => Promise.resolve(JSON.stringify({ query: print(ProvidersDocument) })),
  },
  {
    name: 'single-lookup',
    description: 'meeting(id) on WeCom: one upstream get_info per request (token cached)',
    target: 'api',
    body: async (api) => {
      const [id] = await createWecomMeetings(api, 1);
      return JSON.stringify({ query: print(GetMeetingDocument), variables: { id } });
    },
  },
  {
    name: 'batch-10',
    description: 'meetings(ids) with 10 WeCom ids: 10 upstream reads per request, in parallel',
    target: 'api',
    body: async (api) => {
      const ids = await createWecomMeetings(api, 10);
      return JSON.stringify({ query: print(GetMeetingsDocument), variables: { ids } });
    },
  },
  {
    name: 'create',
    description: 'scheduleMeeting on WeCom: one upstream create per request',
    target: 'api',
    body: () =>
      Promise.resolve(
        JSON.stringify({
          query: print(ScheduleMeetingDocument),
          variables: {
            input: {
              provider: Provider.Wecom,
              subject: 'bench create',
              organizer: 'bench',
              startTime: future(600),
              endTime: future(660),
            },
          },
        }),
      ),
  },
];
