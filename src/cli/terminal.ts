// Terminal niceties (colors, spinners) for a human at a TTY, and nothing at all for pipes and
// files: those get exactly the bytes Kafka's tools print. NO_COLOR (any non-empty value) turns
// colors off, FORCE_COLOR (1-3) turns them on without a TTY, as chalk and most CLIs read them.
// ora is loaded only when a spinner is really shown, so scripted runs never pay for it.
import type { ChalkInstance } from 'chalk';

type Stream = NodeJS.WriteStream;

/** Whether colors should be written to `stream`. */
export function colorsEnabled(stream: Stream = process.stderr): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (force === '0' || force === 'false') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** chalk for `stream`: real colors when colorsEnabled, else a level-0 instance (plain text). */
export async function colorsFor(stream: Stream = process.stderr): Promise<ChalkInstance> {
  const { Chalk, supportsColor, supportsColorStderr } = await import('chalk');
  const detected = (stream === process.stdout ? supportsColor : supportsColorStderr) || undefined;
  return new Chalk({ level: colorsEnabled(stream) ? (detected?.level ?? 1) : 0 });
}

/** A spinner on stderr while waiting; every method is a no-op unless stderr is a TTY. */
export interface Spinner {
  /** Changes the text shown next to the spinner. */
  update(text: string): void;
  /** Ends with a one-line success status (TTY only). */
  succeed(text?: string): void;
  /** Ends with a one-line failure status (TTY only). */
  fail(text?: string): void;
  /** Removes the spinner without a status line. */
  stop(): void;
}

const SILENT: Spinner = { update() {}, succeed() {}, fail() {}, stop() {} };

/**
 * Spinners and progress lines: stderr is an interactive terminal (not CI, not TERM=dumb) with a
 * known width (a pseudo-terminal of 0 columns, as `script` opens without a size, would make ora
 * compute an infinite number of lines to clear).
 */
export function spinnersEnabled(): boolean {
  const stderr = process.stderr;
  return stderr.isTTY === true && (stderr.columns ?? 0) > 0 && process.env.CI === undefined && process.env.TERM !== 'dumb';
}

let spinnerStream: Stream | undefined;

/**
 * Starts a spinner after `delayMs` (so fast operations never flash one). Interactive only:
 * stderr must be a TTY and CI/NO_COLOR-style environments keep it silent.
 */
export function startSpinner(text: string, delayMs = 150): Spinner {
  if (!spinnersEnabled()) return SILENT;
  // The session's stderr view writes without stopping the spinner (see startTerminalSession).
  const stream = spinnerStream ?? process.stderr;
  let current = text;
  let ended = false;
  let ora: import('ora').Ora | undefined;
  const timer = setTimeout(() => {
    void import('ora').then(({ default: create }) => {
      if (ended) return;
      ora = create({ text: current, stream, color: colorsEnabled(stream) ? 'cyan' : undefined, isEnabled: true }).start();
    });
  }, delayMs);
  timer.unref();
  const end = (how: 'succeed' | 'fail' | 'stop', status?: string): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    if (ora === undefined) return;
    if (how === 'stop') ora.stop();
    else ora[how](status ?? current);
  };
  return {
    update(next) {
      current = next;
      if (ora !== undefined) ora.text = next;
    },
    succeed: (status) => end('succeed', status),
    fail: (status) => end('fail', status),
    stop: () => end('stop'),
  };
}

/** What runTool wraps around a tool on a terminal; `end` is called once with the exit code. */
export interface TerminalSession {
  end(exitCode: number): void;
}

const NO_SESSION: TerminalSession = { end() {} };

/** Error and warning lines as Kafka's tools and log4j print them. */
const ERROR_LINE = /^(?:\[[^\]]*\] )?(?:ERROR\b|Error\b|error:|Exception\b|[\w.]+(?:Exception|Error):)|^\S.*: error: /;
const WARN_LINE = /^(?:\[[^\]]*\] )?(?:WARN\b|WARNING\b|Warning\b)/;

/**
 * On a terminal only: colors ERROR lines red and WARN lines yellow on stderr, shows a spinner
 * while the client connects to the cluster and while a long admin operation runs, and removes it
 * before the tool prints anything. Pipes and files are left alone: they get Kafka's bytes.
 */
export async function startTerminalSession(): Promise<TerminalSession> {
  const colors = colorsEnabled(process.stderr);
  const spinners = spinnersEnabled();
  if (!colors && !spinners) return NO_SESSION;

  const stderr = process.stderr;
  const originalStderrWrite = stderr.write.bind(stderr) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  const originalStdoutWrite = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  let spinner: Spinner | undefined;
  const stopSpinner = () => {
    spinner?.stop();
    spinner = undefined;
  };

  const paint = colors ? await linePainter() : (text: string) => text;
  stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stopSpinner();
    return originalStderrWrite(typeof chunk === 'string' ? paint(chunk) : chunk, ...rest);
  }) as typeof stderr.write;
  if (!spinners) return NO_SESSION;

  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stopSpinner();
    return originalStdoutWrite(chunk, ...rest);
  }) as typeof process.stdout.write;
  // ora draws through a view of stderr whose writes skip the wrapper above.
  spinnerStream = Object.create(stderr, { write: { value: originalStderrWrite } }) as Stream;

  let connectedTo: string | undefined;
  const { observeClientActivity } = await import('../client/activity.js');
  observeClientActivity({
    connecting(address) {
      spinner?.stop();
      spinner = startSpinner(`Connecting to ${address}`);
    },
    connected(address) {
      connectedTo = address;
      spinner?.succeed(`Connected to ${address}`);
      // Anything slower than a second from here on is a long admin operation.
      spinner = startSpinner(`Waiting for the cluster (${address})`, 1000);
    },
  });
  const started = Date.now();
  return {
    end(exitCode) {
      observeClientActivity(undefined);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (exitCode === 0) spinner?.succeed(`Done in ${seconds} s${connectedTo === undefined ? '' : ` (${connectedTo})`}`);
      else spinner?.fail(`Failed after ${seconds} s`);
      spinner = undefined;
    },
  };
}

/** Colors whole ERROR/WARN lines of a chunk; other lines are returned as they are. */
async function linePainter(): Promise<(text: string) => string> {
  const chalk = await colorsFor(process.stderr);
  return (text) => {
    if (!text.includes('\n') && !ERROR_LINE.test(text) && !WARN_LINE.test(text)) return text;
    return text
      .split('\n')
      .map((line) => (line === '' ? line : ERROR_LINE.test(line) ? chalk.red(line) : WARN_LINE.test(line) ? chalk.yellow(line) : line))
      .join('\n');
  };
}
