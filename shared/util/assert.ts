/** Exhaustiveness checks: a switch that misses a case fails to compile, and throws if reached. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
