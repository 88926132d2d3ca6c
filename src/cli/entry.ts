import { main } from "./main.js";

// A reader that goes away (`stampede-sim run x | head`) is not an error worth a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
});

// Ctrl-C asks the running command to stop between slices of simulation (it says so, writes
// nothing and exits 130); a second Ctrl-C does not wait.
const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => {
    process.stdout.write(s);
  },
  stderr: (s) => {
    process.stderr.write(s);
  },
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  signal: interrupt.signal,
  ...(process.stderr.isTTY ? { progressStream: process.stderr } : {}),
  ...(process.stdout.isTTY && process.stdout.columns > 0
    ? { columns: process.stdout.columns }
    : {}),
});
