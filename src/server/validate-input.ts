import { validate, type ValidationError } from '../util/class-validator.js';
import type { ValidatorFn } from 'type-graphql';

import { BadUserInputError } from '../errors/api-errors.js';

export interface Violation {
  field: string;
  rule: string;
  message: string;
}

/**
 * type-graphql's `validateFn`: runs class-validator on input objects and throws ONE
 * BAD_USER_INPUT error whose `field` is the argument path (`input.recurrence.count`) and whose
 * `rule` is the constraint broken, with every violation listed. Unlike the built-in
 * "Argument Validation Error" it never echoes the input back (`target`/`value` are off): inputs
 * can hold passwords.
 */
export const validateInput: ValidatorFn = (argValue, _argType, { args }) => {
  // Scalars (every `id`) answer at once: no promise to make for the argument of every read.
  if (argValue === null || typeof argValue !== 'object' || Array.isArray(argValue)) return;
  if (argValue instanceof Date) return;
  return validateObject(argValue as object, argumentName(argValue as object, args));
};

async function validateObject(argValue: object, argName: string | undefined): Promise<void> {
  const errors = await validate(argValue, {
    skipMissingProperties: false,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return;
  // In the order the input declares its fields (class-validator visits subclass rules first).
  const order = Object.keys(argValue);
  const rank = (error: ValidationError) => {
    const index = order.indexOf(error.property);
    return index === -1 ? order.length : index;
  };
  const violations = flatten(
    [...errors].sort((a, b) => rank(a) - rank(b)),
    argName,
  );
  const first = violations[0]!;
  throw new BadUserInputError(violations.map((v) => `${v.field}: ${v.message}`).join('; '), {
    field: first.field,
    rule: first.rule,
    violations,
  });
}

/**
 * The name of the argument being validated, for error paths. type-graphql hands us the converted
 * instance, not the raw value, so it is found by shape: an @ArgsType class spreads over all the
 * arguments (no name: `meetingCode`), an input is the argument whose keys it carries (`input`).
 */
function argumentName(value: object, args: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.every((key) => key in args)) return undefined;
  return Object.keys(args).find((name) => {
    const raw = args[name];
    return raw !== null && typeof raw === 'object' && keys.every((key) => key in raw);
  });
}

function flatten(errors: ValidationError[], parent: string | undefined): Violation[] {
  const out: Violation[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    // A missing required value also breaks the value's format rules; report the requirement.
    const required = constraints.find(([rule]) => rule.startsWith('required'));
    for (const [rule, message] of required ? [required] : constraints) {
      out.push({ field, rule, message: message.replace(/^(\S+\.)?(\S+) /, `${error.property} `) });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}
