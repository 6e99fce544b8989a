import { ApiError } from '../../errors/api-errors.js';

/**
 * One change that takes two provider writes (WeCom `updateWebinar`: `webinar/update` then
 * `webinar/update_warm_up`; umeeting `updateMeeting`: `share/update` then `share/resetCapacity`):
 * when the second fails after the first took effect, the error keeps its code and says which
 * input fields were applied and which were not — or, with OUTCOME_UNKNOWN, may have been — so a
 * write is never left unreported (docs/errors.md). Fields are named as the caller gave them
 * (`input.sponsor`), never as provider calls, so the report reads the same on every provider.
 */
export function reportPartialWrite(
  error: unknown,
  applied: readonly string[],
  notDone: readonly string[],
): unknown {
  if (!(error instanceof ApiError) || applied.length === 0) return error;
  const paths = (fields: readonly string[]) => fields.map((field) => `input.${field}`);
  Object.assign(error.extensions, {
    applied: paths(applied),
    [error.code === 'OUTCOME_UNKNOWN' ? 'unknown' : 'notApplied']: paths(notDone),
  });
  return error;
}
