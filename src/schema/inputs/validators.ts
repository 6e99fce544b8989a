import {
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

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
