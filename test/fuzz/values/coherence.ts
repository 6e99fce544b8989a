/**
 * Rules that span fields of one input object, which independent field generators cannot keep:
 * applied to valid inputs (and to half of the near-valid ones, so their single bent field is
 * what gets refused, not an incidental end-before-start).
 */
export function makeCoherent(
  typeName: string,
  input: Record<string, unknown>,
  durationMinutes: number,
): Record<string, unknown> {
  const out = { ...input };
  // End after start, in whole minutes (umeeting books whole minutes, more than 30 of them).
  if (typeof out.startTime === 'string' && 'endTime' in out) {
    const start = Date.parse(out.startTime);
    if (Number.isFinite(start)) {
      out.endTime = new Date(start + durationMinutes * 60_000).toISOString();
    }
  }
  switch (typeName) {
    case 'ScheduleWebinarInput': {
      if (out.admissionType === 'PASSWORD') out.password ??= '123456';
      else delete out.password;
      const media = out.mediaSettings as Record<string, unknown> | undefined | null;
      if (media?.autoRecordingType !== 'CLOUD') delete out.playbackForAudience;
      if (out.activityPage === false) {
        delete out.coverUrl;
        delete out.description;
        delete out.displayAttendeeCount;
      }
      break;
    }
    case 'LiveStreamInput':
      if (out.passwordEnabled === true) out.password ??= '1234';
      break;
  }
  return out;
}
