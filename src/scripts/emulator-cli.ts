import 'reflect-metadata';

import { ConfigError, loadConfig } from '../config/env.js';
import { PROVIDERS } from '../providers/providers.js';
import { startEmulator } from '../providers/start-emulator.js';

/**
 * `npm run emulator -- <name> [--port N]`: one provider emulator, standalone on 127.0.0.1, with
 * the credentials of the same environment variables as the server (else the sandbox credentials
 * of .env.example). Point a LIVE provider at the printed URL to test the production path. The
 * names are the descriptors' `cliName`s (src/providers/providers.ts): tencent-meeting, wecom, …
 */
const USAGE = `usage: npm run emulator -- <${PROVIDERS.map((d) => d.cliName).join('|')}> [--port N] [--rate-limit N]\n`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

const HELP = `${USAGE}
Starts one provider emulator, standalone on 127.0.0.1, and prints its URL.

  <provider>   ${PROVIDERS.map((d) => d.cliName).join(', ')}
  --port N     port to listen on, 0-65535 (default 0: any free port)
  --rate-limit N
               answer the provider's own rate-limit error past N calls per minute per app
               (per app and API for WeCom), as the provider does at its documented limit
               (Tencent 300, WeCom 10000; umeeting documents none). Default: no limit.
  -h, --help   this text

Credentials come from the same variables as the server (.env.example), else the sandbox ones.
Point a LIVE provider at the printed URL to exercise the production path, e.g.
  WECOM_BASE_URL=<url> WECOM_CORP_ID=... WECOM_CORP_SECRET=... npm start
Admin API: GET <url>/__admin/requests, POST <url>/__admin/faults|clock|reset|rate-limit.
SIGTERM or SIGINT (Ctrl-C) stops it.
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
const name = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const descriptor = name ? PROVIDERS.find((d) => d.cliName === name) : undefined;
if (!descriptor) usage(name ? `unknown provider "${name}"` : 'which provider?');
const portIndex = args.indexOf('--port');
const portText = portIndex >= 0 ? args[portIndex + 1] : '0';
if (!portText || !/^\d+$/.test(portText) || Number(portText) > 65535) usage('--port takes 0–65535');
const rateIndex = args.indexOf('--rate-limit');
const rateText = rateIndex >= 0 ? args[rateIndex + 1] : undefined;
if (rateIndex >= 0 && (!rateText || !/^[1-9]\d{0,6}$/.test(rateText))) {
  usage('--rate-limit takes calls per minute, 1–9999999');
}

let config;
try {
  // Only the credentials matter here; base URLs, PORT and authentication are the server's business.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.endsWith('_BASE_URL') && k !== 'PORT' && !k.startsWith('AUTH_'),
    ),
  );
  config = loadConfig({ ...env, AUTH_MODE: 'none' });
} catch (error) {
  if (error instanceof ConfigError) usage(error.message);
  throw error;
}
const emulator = await startEmulator(descriptor, config, {
  host: '127.0.0.1',
  port: Number(portText),
});
if (rateText !== undefined) emulator.setRateLimit(Number(rateText));
process.stdout.write(`${name} emulator listening at ${emulator.url}\n`);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
