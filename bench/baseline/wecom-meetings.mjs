// The baseline's whole job (bench/baseline/server.mjs), as a module: got with a keep-alive agent
// and a cached WeCom access token, the same global ids, and one resolver per field. Also used by
// bench/layers.ts, which times its parts in-process against this server's.
import http from 'node:http';

import got from 'got';

/** `{ baseUrl, corpId, corpSecret }` of a WeCom (or its emulator). */
export function createWecomMeetings({ baseUrl, corpId, corpSecret }) {
  const wecom = got.extend({
    prefixUrl: baseUrl,
    // `timeout`: with it, Node's agent honours the emulator's `Keep-Alive: timeout=N` and drops
    // an idle socket before the emulator closes it; without it, a call sent on a socket idle
    // past N (the baseline idles while this server's runs go) met "socket hang up" (3 answers
    // in the round-6 run, bench/results/2026-11-30T2105-2764aac-bench.md). This server's agent
    // does the same (src/providers/http-client.ts): the two stay alike.
    agent: { http: new http.Agent({ keepAlive: true, timeout: 30_000 }) },
    timeout: { request: 10_000 },
    retry: { limit: 0 },
    responseType: 'json',
  });

  let token;
  async function accessToken(refresh = false) {
    if (!token || refresh) {
      token = wecom
        .get('cgi-bin/gettoken', { searchParams: { corpid: corpId, corpsecret: corpSecret } })
        .then(({ body }) => body.access_token);
    }
    return token;
  }

  async function call(path, json) {
    for (let attempt = 0; ; attempt++) {
      const { body } = await wecom.post(path, {
        searchParams: { access_token: await accessToken() },
        json,
      });
      if ((body.errcode === 42001 || body.errcode === 40014) && attempt === 0) {
        await accessToken(true);
        continue;
      }
      if (body.errcode) throw new Error(`wecom ${path}: ${body.errcode}`);
      return body;
    }
  }

  const decodeId = (id) => JSON.parse(Buffer.from(id, 'base64url').toString('utf8'))[3];
  const encodeId = (meetingid) =>
    Buffer.from(JSON.stringify([1, 'Meeting', 'WECOM', meetingid, null]), 'utf8').toString(
      'base64url',
    );
  const STATUS = { 1: 'INIT', 2: 'ABOUT_TO_START', 3: 'ENDED', 4: 'CANCELLED', 5: 'RECYCLED' };

  async function getMeeting(meetingid) {
    const m = await call('cgi-bin/meeting/get_info', { meetingid });
    const start = Number(m.meeting_start) * 1000;
    return {
      id: encodeId(meetingid),
      subject: m.title,
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + Number(m.meeting_duration) * 1000).toISOString(),
      status: STATUS[m.status] ?? 'INVALID',
    };
  }

  const resolvers = {
    Query: {
      meeting: (_, { id }) => getMeeting(decodeId(id)),
      meetings: (_, { ids }) => Promise.all(ids.map((id) => getMeeting(decodeId(id)))),
    },
    Mutation: {
      scheduleMeeting: async (_, { input }) => {
        const start = Math.floor(Date.parse(input.startTime) / 1000);
        const { meetingid } = await call('cgi-bin/meeting/create', {
          admin_userid: input.organizer,
          title: input.subject,
          meeting_start: start,
          meeting_duration: Math.floor(Date.parse(input.endTime) / 1000) - start,
        });
        return getMeeting(meetingid);
      },
    },
  };
  return { getMeeting, resolvers };
}

export const typeDefs = `#graphql
  enum Provider { TENCENT_MEETING WECOM UMEETING }
  type Meeting { id: ID! subject: String! startTime: String! endTime: String! status: String! }
  input ScheduleMeetingInput {
    provider: Provider!
    subject: String!
    organizer: String!
    startTime: String!
    endTime: String!
  }
  type Query { meeting(id: ID!): Meeting, meetings(ids: [ID!]!): [Meeting]! }
  type Mutation { scheduleMeeting(input: ScheduleMeetingInput!): Meeting! }
`;
