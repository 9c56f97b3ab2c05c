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
 * Starts a spinner after `delayMs` (so fast operations never flash one). Interactive only:
 * stderr must be a TTY and CI/NO_COLOR-style environments keep it silent.
 */
export function startSpinner(text: string, delayMs = 150): Spinner {
  const stream = process.stderr;
  if (stream.isTTY !== true || process.env.CI !== undefined || process.env.TERM === 'dumb') return SILENT;
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
