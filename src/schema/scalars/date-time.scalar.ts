import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO 8601 date-time with an explicit offset (`Z` or `±HH:MM`). Without an offset a time is
// ambiguous across providers (umeeting local time, Tencent epoch seconds), so it is refused.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) {
    throw new GraphQLError(
      'DateTime must be an ISO 8601 string with an offset, e.g. 2026-12-01T09:00:00+08:00',
      { extensions: { code: 'BAD_USER_INPUT', rule: 'isoDateTimeWithOffset' } },
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError('DateTime is not a real date and time (e.g. 30 February)', {
      extensions: { code: 'BAD_USER_INPUT', rule: 'isoDateTimeWithOffset' },
    });
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant as an ISO 8601 string with an offset (e.g. `2026-12-01T09:00:00+08:00`). Answers are in UTC (`Z`).',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime()))
      throw new TypeError('DateTime cannot serialize an invalid date');
    return date.toISOString();
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return parse(undefined);
    return parse(ast.value);
  },
});
