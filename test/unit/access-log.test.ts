import { Writable } from 'node:stream';

import { describe, expect, it, jest } from '@jest/globals';
import { pino } from 'pino';

import { accessLogger, createLogger, lazyChild } from '../../src/server/logger.js';
import { requestLogPlugin } from '../../src/server/plugins/request-log.plugin.js';
import { registerSecret } from '../../src/util/redact.js';

/** A logger made by createLogger (scrubbing included) whose lines land in `lines`. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, raw, log: createLogger({ level, destination: stream as never }) };
}

/** Drives the plugin's two hooks as Apollo does for one request. */
async function oneRequest(
  plugin: ReturnType<typeof requestLogPlugin>,
  request: { requestId: string; operationName?: string; errors?: Array<{ code?: string }> },
) {
  const listener = await plugin.requestDidStart!({
    contextValue: { requestId: request.requestId },
  } as never);
  await listener?.willSendResponse?.({
    operationName: request.operationName ?? null,
    errors: request.errors?.map((e) => ({ extensions: e.code ? { code: e.code } : {} })),
  } as never);
}

describe('the access log (one line per GraphQL request)', () => {
  it('writes the request id, operation name, duration and error codes, and nothing else', async () => {
    const { lines, log } = capture();
    const plugin = requestLogPlugin(log);
    await oneRequest(plugin, { requestId: 'req-1', operationName: 'Read' });
    await oneRequest(plugin, { requestId: 'req-2', errors: [{ code: 'BAD_USER_INPUT' }, {}] });
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).sort()).toEqual(
      ['durationMs', 'errorCodes', 'level', 'msg', 'operationName', 'requestId', 'time'].sort(),
    );
    expect(lines[0]).toMatchObject({
      requestId: 'req-1',
      operationName: 'Read',
      errorCodes: [],
      msg: 'graphql request',
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(lines[1]).toMatchObject({
      requestId: 'req-2',
      operationName: null,
      errorCodes: ['BAD_USER_INPUT', 'UNKNOWN'],
    });
  });

  it('still scrubs registered secrets from its lines (the second guard)', async () => {
    const { raw, log } = capture();
    registerSecret('access-log-test-secret');
    await oneRequest(requestLogPlugin(log), {
      requestId: 'r',
      operationName: 'access-log-test-secret',
    });
    expect(raw.join('')).not.toContain('access-log-test-secret');
    expect(raw.join('')).toContain('[REDACTED]');
  });

  it('samples successful requests with sampleRate, and always logs a request with errors', async () => {
    const { lines, log } = capture();
    const plugin = requestLogPlugin(log, { sampleRate: 0 });
    await oneRequest(plugin, { requestId: 'ok' });
    await oneRequest(plugin, { requestId: 'bad', errors: [{ code: 'PROVIDER_UNAVAILABLE' }] });
    expect(lines.map((l) => l.requestId)).toEqual(['bad']);
  });

  it('writes nothing, and times nothing, when info is not enabled', async () => {
    const { lines, log } = capture('warn');
    await oneRequest(requestLogPlugin(log), { requestId: 'quiet' });
    expect(lines).toHaveLength(0);
  });

  it('shares the base logger destination and keeps one access logger per base logger', () => {
    const { lines, log } = capture();
    expect(accessLogger(log)).toBe(accessLogger(log));
    accessLogger(log).info({ requestId: 'x' }, 'line');
    expect(lines).toEqual([expect.objectContaining({ requestId: 'x', msg: 'line' })]);
  });

  it('writes the very line pino writes for the same fields, empty or with text to escape', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_764_000_000_000);
    try {
      const ours = capture();
      const theirs = capture();
      const cases: Array<[Parameters<ReturnType<typeof accessLogger>['info']>[0], string]> = [
        [
          { requestId: 'r-1', operationName: null, durationMs: 1.5, errorCodes: [] },
          'graphql request',
        ],
        [{}, 'no fields'],
        [{ operationName: 'say "hi"\n\u2028 中文', errorCodes: ['A', 'B'] }, 'msg "quoted"\n'],
      ];
      for (const [fields, msg] of cases) {
        accessLogger(ours.log).info(fields, msg);
        theirs.log.info(fields, msg);
      }
      expect(ours.raw).toEqual(theirs.raw);
    } finally {
      now.mockRestore();
    }
  });
});

describe('lazyChild', () => {
  it('makes no pino child while nothing is written at an enabled level', () => {
    const { log } = capture();
    const child = jest.spyOn(log, 'child');
    const lazy = lazyChild(log, { requestId: 'r1' });
    lazy.debug('not enabled');
    lazyChild(lazy, { provider: 'WECOM' }).trace('not enabled either');
    expect(child).not.toHaveBeenCalled();
  });

  it('writes the same lines as child(), bindings of nested lazy children included', () => {
    const { lines, log } = capture();
    lazyChild(log, { requestId: 'r1' }).info({ a: 1 }, 'one');
    lazyChild(lazyChild(log, { requestId: 'r2' }), { provider: 'WECOM' }).warn('two');
    log.child({ requestId: 'r1' }).info({ a: 1 }, 'one');
    const strip = (l: Record<string, unknown>) => ({ ...l, time: 0 });
    expect(strip(lines[0]!)).toEqual(strip(lines[2]!));
    expect(lines[1]).toMatchObject({ requestId: 'r2', provider: 'WECOM', msg: 'two' });
  });

  it('keeps the path redaction of the logger it wraps', () => {
    const { lines, log } = capture();
    lazyChild(log, { requestId: 'r' }).info({ creds: { secret: 'not-for-logs' } }, 'x');
    expect(lines[0]).toMatchObject({ creds: { secret: '[REDACTED]' } });
  });

  it('answers level and isLevelEnabled like the logger it wraps', () => {
    const log = pino({ level: 'warn' });
    const lazy = lazyChild(log, { requestId: 'r' });
    expect(lazy.level).toBe('warn');
    expect(lazy.isLevelEnabled('info')).toBe(false);
  });
});
