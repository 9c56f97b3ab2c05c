// Broker log lines in Kafka's log4j layout: `[yyyy-MM-dd HH:mm:ss,SSS] LEVEL message (logger)`.
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'OFF';

const RANK: Record<LogLevel, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3, OFF: 4 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export type LogSink = (line: string, level: LogLevel) => void;

/**
 * The broker's console: plain log4j lines, colored only when stdout is a terminal (ERROR red,
 * WARN yellow, the `... started ...` ready line green). NO_COLOR turns colors off and FORCE_COLOR
 * on, as for the CLI tools. Raw SGR codes rather than chalk: the broker's start-up loads no
 * package it can do without.
 */
function stdoutSink(): LogSink {
  if (!stdoutColors()) return (line) => void process.stdout.write(line);
  return (line, level) => {
    const color = level === 'ERROR' ? 31 : level === 'WARN' ? 33 : level === 'INFO' && READY.test(line) ? 32 : 0;
    process.stdout.write(color === 0 ? line : `\u001b[${color}m${line.slice(0, -1)}\u001b[39m\n`);
  };
}

/** Kafka's ready lines: `Kafka Server started, listening on ...`, `[KafkaServer id=1] started`. */
const READY = /\bstarted\b/;

function stdoutColors(): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined && force !== '') return true;
  return process.stdout.isTTY === true && env.TERM !== 'dumb';
}

export function createLogger(name: string, level: LogLevel, sink?: LogSink): Logger {
  const min = RANK[level];
  const write = sink ?? stdoutSink();
  const emit = (lvl: LogLevel, msg: string) => {
    if (RANK[lvl] >= min) write(`[${timestamp(new Date())}] ${lvl} ${msg} (${name})\n`, lvl);
  };
  return {
    debug: (m) => emit('DEBUG', m),
    info: (m) => emit('INFO', m),
    warn: (m) => emit('WARN', m),
    error: (m) => emit('ERROR', m),
  };
}

function timestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}
