import { createHmac } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import type { EmulatorRequest } from '../../src/emulators/emulator-server.js';
import {
  expectedSignature,
  signatureMatches,
  stringToSign,
  TencentRequestAuthenticator,
  type SignedRequestParts,
} from '../../src/emulators/tencent-meeting/auth.js';

// The EMULATOR's signature check pinned to the §1.8 test vectors of docs/reference/providers.md
// (computed independently and cross-checked against the official Python SDK's
// JWTAuthenticator). test/unit/tencent-meeting.signature.test.ts pins the CLIENT's signer to the
// same vectors: both sides agree with the outside examples, not merely with each other.
// Copied here: tests never read ../shared at run time.
const SECRET_ID = 'AKIDexampleSecretId0001';
const SECRET_KEY = 'exampleSecretKey0001';
const TIMESTAMP = '1700000000';

const TV1: SignedRequestParts = {
  method: 'GET',
  secretId: SECRET_ID,
  nonce: '12345',
  timestamp: TIMESTAMP,
  uri: '/v1/meetings/7567173273889276131?userid=tester1&instanceid=1',
  body: '',
};
const TV2: SignedRequestParts = {
  method: 'POST',
  secretId: SECRET_ID,
  nonce: '12345',
  timestamp: TIMESTAMP,
  uri: '/v1/meetings',
  body: '{"userid":"tester","instanceid":1,"subject":"测试会议","type":0,"start_time":"1700003600","end_time":"1700007200"}',
};
const TV3: SignedRequestParts = {
  method: 'POST',
  secretId: SECRET_ID,
  nonce: '1700000000123456789',
  timestamp: TIMESTAMP,
  uri: '/v1/meetings/7567173273889276131/cancel',
  body: '{"userid":"tester","instanceid":1,"reason_code":1}',
};

const TV1_SIGNATURE =
  'ZDExMGJiZDc3OTFjZjhiYWVhNmNhZDRmZTJmYjQ1OWRkYTE0MTM5MjQyOTkyOWM0MWU0NWZiYWVmN2VhYjVhYw==';
const TV2_SIGNATURE =
  'NjVjZThlYmIxOGM1ZmY1OGM1YmE4MzUzZTM1YTgwN2YzODk2OTExOTExMzFiY2FkOTJmYmNhNzk4MGY5MDMzZQ==';
const TV3_SIGNATURE =
  'ODU5ZmYxNjcwYjQ2ZGZkYTZjYzc2NGNlNDZiMmJjYjAzMDM5YjEyNzIyN2ZiZjNhY2YxZDcyZjVlZGQzNTQ1ZQ==';

/** The hex digests §1.8 lists, recovered from the header values (Base64 of the hex text). */
const hexOf = (signature: string) => Buffer.from(signature, 'base64').toString('ascii');

describe('Tencent Meeting emulator: signature maths (docs/reference/providers.md §1.8)', () => {
  it('builds the TV-1 string to sign: four LF-joined parts, the last the empty body', () => {
    expect(stringToSign(TV1).toString('utf8')).toBe(
      'GET\nX-TC-Key=AKIDexampleSecretId0001&X-TC-Nonce=12345&X-TC-Timestamp=1700000000\n' +
        '/v1/meetings/7567173273889276131?userid=tester1&instanceid=1\n',
    );
  });

  it('expects the published X-TC-Signature of TV-1, TV-2 (Chinese UTF-8 body) and TV-3', () => {
    expect(expectedSignature(SECRET_KEY, TV1)).toBe(TV1_SIGNATURE);
    expect(expectedSignature(SECRET_KEY, TV2)).toBe(TV2_SIGNATURE);
    expect(expectedSignature(SECRET_KEY, TV3)).toBe(TV3_SIGNATURE);
  });

  it('matches the published hex digests behind those header values', () => {
    expect(hexOf(TV1_SIGNATURE)).toBe(
      'd110bbd7791cf8baea6cad4fe2fb459dda141392429929c41e45fbaef7eab5ac',
    );
    expect(hexOf(TV2_SIGNATURE)).toBe(
      '65ce8ebb18c5ff58c5ba8353e35a807f389691191131bcad92fbca7980f9033e',
    );
    expect(hexOf(TV3_SIGNATURE)).toBe(
      '859ff1670b46dfda6cc764ce46b2bcb03039b127227fbf3acf1d72f5edd3545e',
    );
  });

  it('signs the received body bytes: a Buffer body gives the same signature as its text', () => {
    const bytes = Buffer.from(TV2.body as string, 'utf8');
    expect(expectedSignature(SECRET_KEY, { ...TV2, body: bytes })).toBe(TV2_SIGNATURE);
  });

  it('accepts the published signatures and refuses Base64 of the raw digest (44 chars)', () => {
    expect(signatureMatches(SECRET_KEY, TV1, TV1_SIGNATURE)).toBe(true);
    expect(signatureMatches(SECRET_KEY, TV2, TV2_SIGNATURE)).toBe(true);
    expect(signatureMatches(SECRET_KEY, TV3, TV3_SIGNATURE)).toBe(true);
    const rawDigest = createHmac('sha256', SECRET_KEY).update(stringToSign(TV1)).digest('base64');
    expect(rawDigest).toHaveLength(44);
    expect(signatureMatches(SECRET_KEY, TV1, rawDigest)).toBe(false);
  });

  it('refuses a signature over another URI, key, nonce or method', () => {
    expect(
      signatureMatches(
        SECRET_KEY,
        { ...TV1, uri: '/v1/meetings/7567173273889276131' },
        TV1_SIGNATURE,
      ),
    ).toBe(false);
    expect(signatureMatches('otherKey', TV1, TV1_SIGNATURE)).toBe(false);
    expect(
      signatureMatches(SECRET_KEY, { ...TV3, nonce: '1700000000123456788' }, TV3_SIGNATURE),
    ).toBe(false);
    expect(signatureMatches(SECRET_KEY, { ...TV2, method: 'PUT' }, TV2_SIGNATURE)).toBe(false);
  });

  it('upper-cases the method as step 1 says', () => {
    expect(expectedSignature(SECRET_KEY, { ...TV1, method: 'get' })).toBe(TV1_SIGNATURE);
  });
});

describe('Tencent Meeting emulator: request check on the §1.8 vectors', () => {
  const credentials = { appId: '200000001', sdkId: '', secretId: SECRET_ID, secretKey: SECRET_KEY };
  /** The authenticator with its wall clock at the vectors' timestamp. */
  const authenticator = () => new TencentRequestAuthenticator(credentials, () => 1_700_000_000);

  /** The request a genuine client sends for a vector, headers as Node delivers them. */
  function request(tv: SignedRequestParts, signature: string): EmulatorRequest {
    const rawBody = Buffer.from(tv.body as string, 'utf8');
    const [path, query = ''] = tv.uri.split('?');
    return {
      method: tv.method,
      path: path!,
      rawUrl: tv.uri,
      query: new URLSearchParams(query),
      headers: {
        'x-tc-key': tv.secretId,
        'x-tc-timestamp': tv.timestamp,
        'x-tc-nonce': tv.nonce,
        'x-tc-signature': signature,
        appid: credentials.appId,
        sdkid: '',
        ...(rawBody.length > 0 ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      },
      rawBody,
    };
  }

  it('lets each vector through with its published signature', () => {
    // One authenticator each: TV-1 and TV-2 share timestamp and nonce, a replay to one check.
    expect(authenticator().check(request(TV1, TV1_SIGNATURE))).toBeUndefined();
    expect(authenticator().check(request(TV2, TV2_SIGNATURE))).toBeUndefined();
    expect(authenticator().check(request(TV3, TV3_SIGNATURE))).toBeUndefined();
  });

  it('answers 200003 "Signature failed" for Base64 of the raw digest (§1.8 negative check)', () => {
    const rawDigest = createHmac('sha256', SECRET_KEY).update(stringToSign(TV1)).digest('base64');
    const reply = authenticator().check(request(TV1, rawDigest));
    expect(reply?.status).toBe(400);
    expect(reply?.body).toMatchObject({
      error_info: { error_code: 200003, message: 'Signature failed' },
    });
  });

  it('answers 200003 when the query is reordered after signing (the raw URI is signed)', () => {
    const reordered = {
      ...TV1,
      uri: '/v1/meetings/7567173273889276131?instanceid=1&userid=tester1',
    };
    const reply = authenticator().check(request(reordered, TV1_SIGNATURE));
    expect(reply?.body).toMatchObject({ error_info: { error_code: 200003 } });
  });

  it('answers 190301 when the same timestamp and nonce come twice', () => {
    const auth = authenticator();
    expect(auth.check(request(TV3, TV3_SIGNATURE))).toBeUndefined();
    expect(auth.check(request(TV3, TV3_SIGNATURE))?.body).toMatchObject({
      error_info: { error_code: 190301 },
    });
  });

  it('answers 190300 when the vectors are replayed more than 5 minutes later', () => {
    const late = new TencentRequestAuthenticator(credentials, () => 1_700_000_000 + 301);
    expect(late.check(request(TV1, TV1_SIGNATURE))?.body).toMatchObject({
      error_info: { error_code: 190300 },
    });
  });
});
