import { createRequire } from 'node:module';

import type * as ClassValidator from 'class-validator';

/**
 * The parts of class-validator this project uses, each loaded from its own module. The package's
 * entry point loads every validator it has — libphonenumber-js's full metadata and all 113
 * modules of `validator` included — for decorators we never use: 7.7 MiB of resident memory
 * (measured, docs/performance.md "Round 3"), half the idle-RSS goal's margin. class-validator
 * 0.14 has no `exports` map, so these are public files of the pinned version; the types come
 * from the entry point (`import type`: nothing loaded). Decorators register in class-validator's
 * one global metadata storage whichever module they come from, so `validate` below sees them all.
 *
 * Import class-validator from here, never from 'class-validator' (eslint forbids it).
 */
type CV = typeof ClassValidator;
const load = createRequire(import.meta.url);
const from = <K extends keyof CV>(path: string, name: K): CV[K] =>
  (load(`class-validator/cjs/${path}`) as CV)[name];

export const ArrayMaxSize = from('decorator/array/ArrayMaxSize', 'ArrayMaxSize');
export const ArrayMinSize = from('decorator/array/ArrayMinSize', 'ArrayMinSize');
export const ArrayUnique = from('decorator/array/ArrayUnique', 'ArrayUnique');
export const IsBoolean = from('decorator/typechecker/IsBoolean', 'IsBoolean');
export const IsDate = from('decorator/typechecker/IsDate', 'IsDate');
export const IsEnum = from('decorator/typechecker/IsEnum', 'IsEnum');
export const IsIn = from('decorator/common/IsIn', 'IsIn');
export const IsInt = from('decorator/typechecker/IsInt', 'IsInt');
export const IsOptional = from('decorator/common/IsOptional', 'IsOptional');
export const IsString = from('decorator/typechecker/IsString', 'IsString');
export const IsUrl = from('decorator/string/IsUrl', 'IsUrl');
export const Length = from('decorator/string/Length', 'Length');
export const Matches = from('decorator/string/Matches', 'Matches');
export const Max = from('decorator/number/Max', 'Max');
export const MaxLength = from('decorator/string/MaxLength', 'MaxLength');
export const Min = from('decorator/number/Min', 'Min');
export const ValidateIf = from('decorator/common/ValidateIf', 'ValidateIf');
export const ValidateNested = from('decorator/common/ValidateNested', 'ValidateNested');
export const registerDecorator = from('register-decorator', 'registerDecorator');

const validator = new (from('validation/Validator', 'Validator'))();

/** class-validator's `validate` (its entry point's is this, on a container-held Validator). */
export const validate: CV['validate'] = ((
  object: object,
  options?: ClassValidator.ValidatorOptions,
) => validator.validate(object, options)) as CV['validate'];

export type { ValidationArguments, ValidationError, ValidationOptions } from 'class-validator';
