/**
 * Renders a parsed YAML value the way a user would recognise it in their file, for "got ..." in
 * messages. NaN and infinities print in YAML spelling because that is how they got there.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (value === Number.POSITIVE_INFINITY) return ".inf";
    if (value === Number.NEGATIVE_INFINITY) return "-.inf";
    return String(value);
  }
  if (typeof value === "string") return quote(value);
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Uint8Array) return "binary data";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

/** `a`, `a or b`, `a, b or c`: lists of alternatives read better than JSON arrays. */
export function alternatives(items: readonly string[], conjunction = "or"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** Longest text quoted in a message; past it the quote is cut with an ellipsis. */
const MAX_QUOTED = 60;

/**
 * A string as a message quotes it: JSON-escaped, so control characters show, and cut short, so a
 * kilobyte of garbage does not become a kilobyte of message.
 */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_QUOTED)).slice(0, -1)}…" (${text.length} characters)`;
}
