import {
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from '../../util/class-validator.js';

/**
 * Cross-field rules shared by the inputs. Each registers under its own constraint name, which
 * formatError reports as `extensions.rule`.
 */

/** The decorated date must be strictly after the sibling date `property`. */
export function IsAfter(property: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'isAfter',
      target: object.constructor,
      propertyName,
      constraints: [property],
      options: { message: `$property must be after ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          if (!(value instanceof Date) || !(other instanceof Date)) return true;
          return value.getTime() > other.getTime();
        },
      },
    });
  };
}

/**
 * The decorated date must be after the moment the input is checked (this server's clock): a
 * booking that starts in the past is refused on every provider alike, before any request.
 */
export function IsInFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'inFuture',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be in the future', ...options },
      validator: {
        validate(value: unknown) {
          if (!(value instanceof Date)) return true;
          return value.getTime() > Date.now();
        },
      },
    });
  };
}

/** Only whitespace (any Unicode space, line break or tab) and invisible format characters. */
const BLANK = /^[\p{White_Space}\p{Cf}]+$/u;
/** Control characters (C0, DEL, C1), line and paragraph separators, and lone surrogates. */
const CONTROL_SINGLE_LINE = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;
/** The same, except tab, line feed and carriage return, which multi-line text may hold. */
const CONTROL_MULTI_LINE = /[\p{Cs}\p{Zl}\p{Zp}]|(?![\t\n\r])\p{Cc}/u;

/**
 * Free text that names something (a subject, a sponsor) must say something: a non-empty value
 * made only of whitespace or invisible characters is refused. (An empty one is left to the
 * length rule.)
 */
export function IsNotBlank(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'notBlank',
      target: object.constructor,
      propertyName,
      options: {
        message: '$property must not be blank (only spaces or invisible characters)',
        ...options,
      },
      validator: {
        validate(value: unknown) {
          return typeof value !== 'string' || !BLANK.test(value);
        },
      },
    });
  };
}

/**
 * Free text must not carry control characters (NUL, escape sequences, bell, …): providers store
 * and display it, and some refuse it after the fact. Single-line text (subjects, names) allows
 * none; `multiLine` text (descriptions) allows tab, line feed and carriage return.
 */
export function HasNoControlCharacters(
  { multiLine = false }: { multiLine?: boolean } = {},
  options?: ValidationOptions,
) {
  const pattern = multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'noControlCharacters',
      target: object.constructor,
      propertyName,
      options: {
        message: multiLine
          ? '$property must not contain control characters (tab and line breaks are allowed)'
          : '$property must not contain control characters or line breaks',
        ...options,
      },
      validator: {
        validate(value: unknown) {
          return typeof value !== 'string' || !pattern.test(value);
        },
      },
    });
  };
}

/** The decorated value must be absent unless `check(object)` holds. */
export function OnlyWhen(
  name: string,
  check: (object: Record<string, unknown>) => boolean,
  message: string,
) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (value === undefined || value === null || value === false) return true;
          return check(args.object as Record<string, unknown>);
        },
      },
    });
  };
}

/** The decorated value must be present when `check(object)` holds. */
export function RequiredWhen(
  name: string,
  check: (object: Record<string, unknown>) => boolean,
  message: string,
) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (!check(args.object as Record<string, unknown>)) return true;
          return value !== undefined && value !== null && value !== '';
        },
      },
    });
  };
}

export const PASSWORD_PATTERN = /^\d{4,6}$/;

/**
 * Like `@IsOptional()`, but the property's rules still run when `required(object)` holds, so a
 * `RequiredWhen` on the same property can report it missing. (`@IsOptional` skips every rule of
 * an absent value.) Put `RequiredWhen` last: it then runs first and names the rule.
 */
export function OptionalUnless(required: (object: Record<string, unknown>) => boolean) {
  return ValidateIf(
    (object: Record<string, unknown>, value: unknown) =>
      (value !== undefined && value !== null) || required(object),
  );
}
