import { main } from "./main.js";

// A reader that goes away (`stampede-sim run x | head`) is not an error worth a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
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
  ...(process.stdout.isTTY && process.stdout.columns > 0
    ? { columns: process.stdout.columns }
    : {}),
});
