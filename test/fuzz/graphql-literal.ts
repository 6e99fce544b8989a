import { getNamedType, isEnumType, isInputObjectType, type GraphQLInputType } from 'graphql';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * A JSON-ish value written as a GraphQL literal, for arguments written inline in the document.
 * Unlike graphql-js's `astFromValue` it writes values that do not fit the type too (that is the
 * point): a string where the type is an enum is written bare when it is a name, a number stays a
 * number whatever the type, and an object's keys are written as they are, even when they are not
 * names (the document then fails to parse, which is a case worth sending as well).
 * Iterative, so values thousands of levels deep print without exhausting the stack.
 */
export function printLiteral(value: unknown, type: GraphQLInputType | undefined): string {
  const out: string[] = [];
  // Work items: a value with the type it is written for, or text to emit as is.
  const stack: ({ value: unknown; type: GraphQLInputType | undefined } | string)[] = [
    { value, type },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { value: v, type: t } = item;
    if (Array.isArray(v)) {
      // List items are written for the list's type: getNamedType sees through the wrapping.
      const parts: typeof stack = ['['];
      v.forEach((element, i) => parts.push(...(i > 0 ? [', '] : []), { value: element, type: t }));
      parts.push(']');
      stack.push(...parts.reverse());
    } else if (typeof v === 'object' && v !== null) {
      const named = t ? getNamedType(t) : undefined;
      const fields = named && isInputObjectType(named) ? named.getFields() : undefined;
      const parts: typeof stack = ['{'];
      Object.entries(v).forEach(([key, element], i) =>
        parts.push(...(i > 0 ? [', '] : []), `${key}: `, {
          value: element,
          type: fields?.[key]?.type,
        }),
      );
      parts.push('}');
      stack.push(...parts.reverse());
    } else {
      out.push(printScalar(v, t));
    }
  }
  return out.join('');
}

function printScalar(value: unknown, type: GraphQLInputType | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') {
    const named = type ? getNamedType(type) : undefined;
    const isName = NAME.test(value) && !['true', 'false', 'null'].includes(value);
    if (named && isEnumType(named) && isName) return value;
    // JSON string escapes are GraphQL string escapes.
    return JSON.stringify(value);
  }
  return JSON.stringify(String(value));
}
