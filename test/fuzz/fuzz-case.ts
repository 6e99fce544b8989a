import type { Mode } from './values/input-values.js';
import type { Selection } from './selection.js';

/**
 * One generated request, before fixtures are filled in and before it is written out
 * (`render-request.ts`). Plain data, so fast-check can shrink it.
 */
export interface FuzzCase {
  operation: 'query' | 'mutation';
  fields: RootFieldCase[];
  twist: Twist;
  /** The twist's parameter (a cut position, a depth, a count). */
  twistParam: number;
}

/** One root field of the operation. */
export interface RootFieldCase {
  /** The schema field name. */
  field: string;
  mode: Mode;
  /** Argument values by name; an absent name is an omitted argument. */
  args: Record<string, unknown>;
  /** Arguments written as literals in the document instead of variables. */
  inline: boolean;
  selection: Selection[] | undefined;
}

/**
 * Something done to the whole request rather than to a value: broken documents, variables
 * missing or of the wrong shape, other HTTP shapes, deep or wide selections.
 */
export const TWISTS = [
  'none',
  /** The document cut short (a parse error, mostly). */
  'truncate',
  /** No `variables` sent at all. */
  'omitVariables',
  /** `variables` is not an object. */
  'variablesNotObject',
  /** Variables declared nullable where the argument is non-null. */
  'nullableDeclaration',
  /** A field that does not exist in the first selection. */
  'unknownField',
  /** A selection `twistParam` levels deep (depth limits). */
  'deepSelection',
  /** The first root field repeated under many aliases (alias limits). */
  'aliasFlood',
  /** A fragment that spreads itself. */
  'fragmentCycle',
  /** `operationName` that names no operation. */
  'wrongOperationName',
  /** The operation as GET with a query string (mutations are refused over GET). */
  'httpGet',
  /** `content-type: text/plain` (CSRF prevention refuses it). */
  'textPlain',
  /** A JSON array of operations (batching). */
  'batch',
] as const;

export type Twist = (typeof TWISTS)[number];
