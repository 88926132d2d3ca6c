import { UsageError } from "./errors.js";
import { checkOutcomePath } from "./metricPaths.js";

/**
 * The condition language of tipping-point searches, e.g.
 * `requests.failed / requests.total < 0.01 and db.peakQps < 500`: dotted metric paths (and
 * `recoveryMs`), numbers (`1_000` or `1000`), `+ - * /`, parentheses, comparisons
 * `< <= > >=`, and `and` / `or` (and binds tighter). A comparison in which either side is
 * missing — a null metric, a division by zero — is false, so a condition never holds on
 * numbers it could not compute.
 */

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "metric"; path: string }
  | { kind: "negate"; operand: Expr }
  | { kind: "arithmetic"; op: ArithmeticOp; left: Expr; right: Expr }
  | { kind: "compare"; op: "<" | "<=" | ">" | ">="; left: Expr; right: Expr }
  | { kind: "logic"; op: "and" | "or"; left: Expr; right: Expr };

type ArithmeticOp = "+" | "-" | "*" | "/";

interface Token {
  text: string;
  kind: "number" | "name" | "op" | "end";
  /** 1-based column of its first character. */
  column: number;
}

const TOKEN =
  /\s*(?:(\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)|([A-Za-z][\w.]*)|(<=|>=|[<>+\-*/()]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let offset = 0;
  while (offset < source.length) {
    if (source.slice(offset).trim() === "") break;
    TOKEN.lastIndex = offset;
    const match = TOKEN.exec(source);
    if (match === null) {
      const column =
        offset + 1 + (source.slice(offset).length - source.slice(offset).trimStart().length);
      throw conditionError(source, column, `unexpected "${source.charAt(column - 1)}"`);
    }
    const text = match[1] ?? match[2] ?? match[3] ?? "";
    const column = match.index + match[0].length - text.length + 1;
    tokens.push({ text, kind: match[1] ? "number" : match[2] ? "name" : "op", column });
    offset = TOKEN.lastIndex;
  }
  tokens.push({ text: "", kind: "end", column: source.length + 1 });
  return tokens;
}

function conditionError(source: string, column: number, message: string): UsageError {
  return new UsageError(`bad condition "${source}" at column ${column}: ${message}`);
}

/** Parses a condition; a UsageError names the column of the first problem. */
export function parseCondition(source: string): Expr {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i] as Token;
  const next = () => tokens[i++] as Token;
  const fail = (token: Token, message: string) => conditionError(source, token.column, message);
  const describe = (t: Token) => (t.kind === "end" ? "the end" : `"${t.text}"`);

  const isBoolean = (e: Expr) => e.kind === "compare" || e.kind === "logic";
  const needNumber = (e: Expr, at: Token) => {
    if (isBoolean(e)) throw fail(at, "expected a number here, not a comparison");
    return e;
  };
  const needBoolean = (e: Expr, at: Token) => {
    if (!isBoolean(e)) throw fail(at, "expected a comparison (like db.peakQps < 500)");
    return e;
  };

  function primary(): Expr {
    const token = next();
    if (token.kind === "number")
      return { kind: "number", value: Number(token.text.replace(/_/g, "")) };
    if (token.kind === "name") {
      if (token.text === "and" || token.text === "or") {
        throw fail(token, `expected a metric or a number, found "${token.text}"`);
      }
      try {
        checkOutcomePath(token.text, "condition");
      } catch (error) {
        throw fail(token, (error as Error).message.replace(/^condition: /, ""));
      }
      return { kind: "metric", path: token.text };
    }
    if (token.text === "-") return { kind: "negate", operand: needNumber(primary(), token) };
    if (token.text === "(") {
      const inner = or();
      const close = next();
      if (close.text !== ")") throw fail(close, `expected ")", found ${describe(close)}`);
      return inner;
    }
    throw fail(token, `expected a metric, a number or "(", found ${describe(token)}`);
  }

  /** One level of left-associative arithmetic: operands of the next level joined by `ops`. */
  function arithmetic(ops: ReadonlyArray<ArithmeticOp>, operand: () => Expr): () => Expr {
    return () => {
      let left = operand();
      while ((ops as readonly string[]).includes(peek().text)) {
        const op = next();
        const right = operand();
        left = {
          kind: "arithmetic",
          op: op.text as ArithmeticOp,
          left: needNumber(left, op),
          right: needNumber(right, op),
        };
      }
      return left;
    };
  }
  const product = arithmetic(["*", "/"], primary);
  const sum = arithmetic(["+", "-"], product);

  function comparison(): Expr {
    const left = sum();
    const op = peek();
    if (!["<", "<=", ">", ">="].includes(op.text)) return left;
    next();
    const right = sum();
    return {
      kind: "compare",
      op: op.text as "<" | "<=" | ">" | ">=",
      left: needNumber(left, op),
      right: needNumber(right, op),
    };
  }

  function and(): Expr {
    let left = comparison();
    while (peek().text === "and") {
      const op = next();
      const right = comparison();
      left = {
        kind: "logic",
        op: "and",
        left: needBoolean(left, op),
        right: needBoolean(right, op),
      };
    }
    return left;
  }

  function or(): Expr {
    let left = and();
    while (peek().text === "or") {
      const op = next();
      const right = and();
      left = {
        kind: "logic",
        op: "or",
        left: needBoolean(left, op),
        right: needBoolean(right, op),
      };
    }
    return left;
  }

  if (peek().kind === "end") throw fail(peek(), "the condition is empty");
  const expr = or();
  const rest = peek();
  if (rest.kind !== "end") throw fail(rest, `unexpected ${describe(rest)}`);
  return needBoolean(expr, tokens[0] as Token);
}

/** The metric paths a condition reads, in order of first use. */
export function conditionPaths(expr: Expr): string[] {
  const paths: string[] = [];
  const walk = (e: Expr): void => {
    if (e.kind === "metric") {
      if (!paths.includes(e.path)) paths.push(e.path);
    } else if (e.kind === "negate") walk(e.operand);
    else if (e.kind !== "number") {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(expr);
  return paths;
}

function numberOf(e: Expr, lookup: (path: string) => number | null): number | null {
  switch (e.kind) {
    case "number":
      return e.value;
    case "metric": {
      const v = lookup(e.path);
      return v === null || !Number.isFinite(v) ? null : v;
    }
    case "negate": {
      const v = numberOf(e.operand, lookup);
      return v === null ? null : -v;
    }
    case "arithmetic": {
      const a = numberOf(e.left, lookup);
      const b = numberOf(e.right, lookup);
      if (a === null || b === null) return null;
      if (e.op === "/" && b === 0) return null;
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : a / b;
    }
    default:
      return null;
  }
}

/** Whether the condition holds; a comparison with a missing side is false. */
export function evaluateCondition(e: Expr, lookup: (path: string) => number | null): boolean {
  if (e.kind === "logic") {
    return e.op === "and"
      ? evaluateCondition(e.left, lookup) && evaluateCondition(e.right, lookup)
      : evaluateCondition(e.left, lookup) || evaluateCondition(e.right, lookup);
  }
  if (e.kind !== "compare") return false;
  const a = numberOf(e.left, lookup);
  const b = numberOf(e.right, lookup);
  if (a === null || b === null) return false;
  switch (e.op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}
