/** Ends every switch over a closed union, so a new case fails to compile where it matters. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
