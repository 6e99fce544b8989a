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
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

import { createWecomMeetings, typeDefs } from './wecom-meetings.mjs';

const { PORT, WECOM_BASE_URL, WECOM_CORP_ID, WECOM_CORP_SECRET } = process.env;
const { resolvers } = createWecomMeetings({
  baseUrl: WECOM_BASE_URL,
  corpId: WECOM_CORP_ID,
  corpSecret: WECOM_CORP_SECRET,
});

const server = new ApolloServer({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(PORT), host: '127.0.0.1' },
});
process.stdout.write(`baseline listening at ${url}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
