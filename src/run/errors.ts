/**
 * A mistake in how the program was called (a bad flag value, an unknown format or strategy).
 * The CLI prints its message without a stack and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
