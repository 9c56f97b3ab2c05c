// A long-running process must outlive its console: `kt server start | head -1`, a closed
// terminal or a log pipe that dies would otherwise end the broker with an unhandled EPIPE on its
// next log line. Once stdout or stderr fails, what would be written there is dropped.

/** Installs the handlers (once); writes to a failed stream are then silently discarded. */
export function surviveConsoleErrors(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listeners('error').includes(ignore)) continue;
    stream.on('error', ignore);
  }
}

function ignore(): void {}
