// The baseline of `npm run bench`: the server a competent engineer would write instead of this
// project for the same job on WeCom — Apollo Server 5 standalone, one resolver per field, got
// with a keep-alive agent and a cached access token. Plain JavaScript run by plain `node`, so no
// compiler or loader is in its CPU or memory. It answers the bench's documents with the same
// fields, for the same global ids (it decodes and encodes them the same way), over the same
// upstream calls: `meeting/get_info` per id, and `meeting/create` followed by one `get_info` read
// back for a create (as the server under test does, so a create pair compares the same work).
// What it leaves out is what the comparison prices: validation, capability checks, limits,
// retries, error mapping, authentication, telemetry, logging.
//
// Environment: PORT, WECOM_BASE_URL, WECOM_CORP_ID, WECOM_CORP_SECRET.
import http from 'node:http';

import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import got from 'got';

const { PORT, WECOM_BASE_URL, WECOM_CORP_ID, WECOM_CORP_SECRET } = process.env;

const wecom = got.extend({
  prefixUrl: WECOM_BASE_URL,
  agent: { http: new http.Agent({ keepAlive: true }) },
  timeout: { request: 10_000 },
  retry: { limit: 0 },
  responseType: 'json',
});

let token;
async function accessToken(refresh = false) {
  if (!token || refresh) {
    token = wecom
      .get('cgi-bin/gettoken', {
        searchParams: { corpid: WECOM_CORP_ID, corpsecret: WECOM_CORP_SECRET },
      })
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

const typeDefs = `#graphql
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

const server = new ApolloServer({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(PORT), host: '127.0.0.1' },
});
process.stdout.write(`baseline listening at ${url}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
