/**
 * `JSON.stringify` without recursion. V8 parses JSON of any depth (iteratively), but its
 * stringify recurses and overflows the stack a few thousand levels down, so the deep values the
 * fuzzer sends to find recursive walkers in the server are written out here. Same output as
 * `JSON.stringify(value)` for plain data (own enumerable keys, `undefined` skipped in objects and
 * `null` in arrays, non-finite numbers as `null`).
 */
export function toJson(value: unknown): string {
  const out: string[] = [];
  // Work items: a value to write, or literal text.
  const stack: ({ value: unknown } | string)[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      const parts: typeof stack = ['['];
      v.forEach((element, i) => {
        if (i > 0) parts.push(',');
        parts.push({ value: element === undefined ? null : element });
      });
      parts.push(']');
      stack.push(...parts.reverse());
    } else if (typeof v === 'object' && v !== null) {
      const parts: typeof stack = ['{'];
      Object.entries(v)
        .filter(([, element]) => element !== undefined)
        .forEach(([key, element], i) => {
          parts.push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`, { value: element });
        });
      parts.push('}');
      stack.push(...parts.reverse());
    } else if (typeof v === 'number') {
      out.push(Number.isFinite(v) ? String(v) : 'null');
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  }
  return out.join('');
}
