import { describe, expect, it } from '@jest/globals';

import { Provider } from '../../src/schema/enums/provider.enum.js';
import {
  decodeGlobalId,
  decodeGlobalIdOf,
  meetingGlobalId,
  occurrenceGlobalId,
} from '../../src/schema/ids.js';

describe('global ids', () => {
  it('round-trip provider, kind, a 20-digit id and the organizer exactly', () => {
    const id = meetingGlobalId(Provider.TENCENT_MEETING, '17305428542504531991', 'tester');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeGlobalId(id, 'id')).toEqual({
      kind: 'Meeting',
      provider: Provider.TENCENT_MEETING,
      providerId: '17305428542504531991',
      organizer: 'tester',
      occurrenceId: undefined,
    });
  });

  it('carry the occurrence id for occurrences', () => {
    const id = occurrenceGlobalId(Provider.UMEETING, '15464648254', 'abc+/=');
    expect(decodeGlobalIdOf('RecurringOccurrence', id, 'id')).toMatchObject({
      providerId: '15464648254',
      occurrenceId: 'abc+/=',
    });
  });

  it.each([
    '',
    'not base64!',
    Buffer.from('[2,"Meeting","WECOM","1",null]').toString('base64url'),
    Buffer.from('[1,"Meeting","NOT_A_PROVIDER","1",null]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('refuse the malformed id %j as BAD_USER_INPUT naming the field', (bad) => {
    expect(() => decodeGlobalId(bad, 'ids[2]')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'ids[2]' }),
      }),
    );
  });

  it('refuse an id of the wrong kind', () => {
    const id = meetingGlobalId(Provider.WECOM, '123');
    expect(() => decodeGlobalIdOf('Webinar', id, 'id')).toThrow(
      /is a Meeting id, expected a Webinar id/,
    );
  });
});
