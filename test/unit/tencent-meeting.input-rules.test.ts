import { describe, expect, it } from '@jest/globals';

import { checkRecurrence } from '../../src/providers/tencent-meeting/tencent-meeting.input-rules.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';

describe('Tencent input rules: recurrence by value', () => {
  const start = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in Asia/Shanghai

  it("accepts the start's own month day and refuses another one", () => {
    expect(() =>
      checkRecurrence(
        { frequency: RecurrenceFrequency.MONTHLY, monthDay: 2, count: 3 } as never,
        start,
        'Asia/Shanghai',
      ),
    ).not.toThrow();
    expect(() =>
      checkRecurrence(
        { frequency: RecurrenceFrequency.MONTHLY, monthDay: 3, count: 3 } as never,
        start,
        'Asia/Shanghai',
      ),
    ).toThrow(/monthDay|month/);
  });
});
