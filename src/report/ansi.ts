/** ANSI styling that is a no-op unless colour was asked for. */

const CODES = {
  bold: ["\x1b[1m", "\x1b[22m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  red: ["\x1b[31m", "\x1b[39m"],
  green: ["\x1b[32m", "\x1b[39m"],
  yellow: ["\x1b[33m", "\x1b[39m"],
  blue: ["\x1b[34m", "\x1b[39m"],
  magenta: ["\x1b[35m", "\x1b[39m"],
  cyan: ["\x1b[36m", "\x1b[39m"],
  lightred: ["\x1b[91m", "\x1b[39m"],
  lightgreen: ["\x1b[92m", "\x1b[39m"],
  lightyellow: ["\x1b[93m", "\x1b[39m"],
  lightblue: ["\x1b[94m", "\x1b[39m"],
  lightmagenta: ["\x1b[95m", "\x1b[39m"],
  lightcyan: ["\x1b[96m", "\x1b[39m"],
} as const;

export type Style = keyof typeof CODES;

export function paint(text: string, style: Style, color: boolean): string {
  if (!color || text === "") return text;
  const [open, close] = CODES[style];
  return `${open}${text}${close}`;
}

/** Removes ANSI escape sequences (for measuring and testing). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
