import { createHmac } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import {
  sdkStyleNonce,
  signatureHex,
  signRequest,
  stringToSign,
  verifySignature,
  type SignatureParts,
} from '../../src/providers/tencent-meeting/tencent-meeting.signature.js';

// The §1.8 test vectors of docs/reference/providers.md (computed independently and cross-checked against the
// official Python SDK's JWTAuthenticator). Copied here: tests never read ../shared at run time.
const SECRET_ID = 'AKIDexampleSecretId0001';
const SECRET_KEY = 'exampleSecretKey0001';
const TIMESTAMP = '1700000000';

const TV1: SignatureParts = {
  method: 'GET',
  secretId: SECRET_ID,
  nonce: '12345',
  timestamp: TIMESTAMP,
  uri: '/v1/meetings/7567173273889276131?userid=tester1&instanceid=1',
  body: '',
};
const TV2: SignatureParts = {
  method: 'POST',
  secretId: SECRET_ID,
  nonce: '12345',
  timestamp: TIMESTAMP,
  uri: '/v1/meetings',
  body: '{"userid":"tester","instanceid":1,"subject":"测试会议","type":0,"start_time":"1700003600","end_time":"1700007200"}',
};
const TV3: SignatureParts = {
  method: 'POST',
  secretId: SECRET_ID,
  nonce: '1700000000123456789',
  timestamp: TIMESTAMP,
  uri: '/v1/meetings/7567173273889276131/cancel',
  body: '{"userid":"tester","instanceid":1,"reason_code":1}',
};

describe('Tencent Meeting request signature (docs/reference/providers.md §1.8)', () => {
  it('builds the TV-1 string to sign with four LF-joined parts and an empty body', () => {
    expect(stringToSign(TV1).toString('utf8')).toBe(
      'GET\nX-TC-Key=AKIDexampleSecretId0001&X-TC-Nonce=12345&X-TC-Timestamp=1700000000\n' +
        '/v1/meetings/7567173273889276131?userid=tester1&instanceid=1\n',
    );
  });

  it('signs TV-1 (GET, no body) to the expected hex digest and header value', () => {
    expect(signatureHex(SECRET_KEY, TV1)).toBe(
      'd110bbd7791cf8baea6cad4fe2fb459dda141392429929c41e45fbaef7eab5ac',
    );
    expect(signRequest(SECRET_KEY, TV1)).toBe(
      'ZDExMGJiZDc3OTFjZjhiYWVhNmNhZDRmZTJmYjQ1OWRkYTE0MTM5MjQyOTkyOWM0MWU0NWZiYWVmN2VhYjVhYw==',
    );
  });

  it('signs TV-2 (POST with a Chinese UTF-8 body) to the expected value', () => {
    expect(signatureHex(SECRET_KEY, TV2)).toBe(
      '65ce8ebb18c5ff58c5ba8353e35a807f389691191131bcad92fbca7980f9033e',
    );
    expect(signRequest(SECRET_KEY, TV2)).toBe(
      'NjVjZThlYmIxOGM1ZmY1OGM1YmE4MzUzZTM1YTgwN2YzODk2OTExOTExMzFiY2FkOTJmYmNhNzk4MGY5MDMzZQ==',
    );
  });

  it('signs the same body given as raw bytes identically to the string form', () => {
    expect(signRequest(SECRET_KEY, { ...TV2, body: Buffer.from(TV2.body as string, 'utf8') })).toBe(
      signRequest(SECRET_KEY, TV2),
    );
  });

  it('signs TV-3 (an SDK-style 19-digit nonce) to the expected value', () => {
    expect(signatureHex(SECRET_KEY, TV3)).toBe(
      '859ff1670b46dfda6cc764ce46b2bcb03039b127227fbf3acf1d72f5edd3545e',
    );
    expect(signRequest(SECRET_KEY, TV3)).toBe(
      'ODU5ZmYxNjcwYjQ2ZGZkYTZjYzc2NGNlNDZiMmJjYjAzMDM5YjEyNzIyN2ZiZjNhY2YxZDcyZjVlZGQzNTQ1ZQ==',
    );
  });

  it('produces 88-character signatures ending in ==', () => {
    for (const tv of [TV1, TV2, TV3]) {
      const signature = signRequest(SECRET_KEY, tv);
      expect(signature).toHaveLength(88);
      expect(signature.endsWith('==')).toBe(true);
    }
  });

  it('verifies the correct signature and rejects Base64 of the raw digest', () => {
    expect(verifySignature(SECRET_KEY, TV1, signRequest(SECRET_KEY, TV1))).toBe(true);
    const rawDigestBase64 = createHmac('sha256', SECRET_KEY)
      .update(stringToSign(TV1))
      .digest('base64');
    expect(rawDigestBase64).toHaveLength(44);
    expect(verifySignature(SECRET_KEY, TV1, rawDigestBase64)).toBe(false);
  });

  it('rejects a signature made with another key or over another URI', () => {
    expect(verifySignature(SECRET_KEY, TV1, signRequest('otherKey', TV1))).toBe(false);
    expect(
      verifySignature(
        SECRET_KEY,
        { ...TV1, uri: '/v1/meetings/7567173273889276131' },
        signRequest(SECRET_KEY, TV1),
      ),
    ).toBe(false);
  });

  it('makes 19-digit SDK-style nonces without passing through a JS number', () => {
    const nonce = sdkStyleNonce(1_700_000_000_123);
    expect(nonce).toMatch(/^1700000000123\d{6}$/);
    expect(BigInt(nonce) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('never makes the same nonce twice in one millisecond (Tencent would answer 190301)', () => {
    // A batch of 100 reads signs dozens in one millisecond; random digits collided in the bench.
    const nonces = Array.from({ length: 200_000 }, () => sdkStyleNonce(1_700_000_000_123));
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces.slice(0, 100)) expect(nonce).toMatch(/^1700000000123\d{6}$/);
  });
});
