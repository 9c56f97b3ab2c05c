// `kt server start -daemon ...`, as kafka-server-start.sh -daemon (kafka-run-class.sh): the broker
// runs detached, in its own session, with stdin closed and its console output in kafkaServer.out;
// the command returns at once.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { serverProperties, type ServerArgs } from './args.js';

/** Kafka's name for the daemon's console file (DAEMON_NAME=kafkaServer). */
export const DAEMON_OUT_FILE = 'kafkaServer.out';

/**
 * Where the console output goes: `$LOG_DIR`, as Kafka's scripts, or else the broker's first log
 * dir (kt has no install-wide logs/ directory; an npm install may not even be writable).
 */
export async function daemonOutDir(args: ServerArgs): Promise<string> {
  const logDir = process.env.LOG_DIR;
  if (logDir !== undefined && logDir !== '') return logDir;
  const { BrokerConfig } = await import('../../broker/config.js');
  return new BrokerConfig(serverProperties(args)).logDirs[0]!;
}

export async function startDaemon(argv: readonly string[], args: ServerArgs): Promise<number> {
  const fatal = async (message: string) => {
    const { createLogger } = await import('../../broker/logger.js');
    createLogger('kafka.Kafka', 'INFO').error(`Exiting Kafka due to fatal exception during startup. ${message}`);
    return 1;
  };
  let dir: string;
  try {
    dir = await daemonOutDir(args);
  } catch (e) {
    return fatal((e as Error).message);
  }
  let fd: number;
  try {
    const { makeDirs } = await import('../../broker/log-dirs.js');
    makeDirs(dir);
    // Appended to, where Kafka truncates it: a second -daemon on a dir in use (which exits at
    // once on the lock) must not wipe the running broker's console output.
    fd = openSync(join(dir, DAEMON_OUT_FILE), 'a');
  } catch (e) {
    return fatal(`Cannot open the console output file ${join(dir, DAEMON_OUT_FILE)}: ${(e as Error).message}`);
  }
  // The same script and Node flags as this process, so `kt server stop` knows it as this install's.
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'server', 'start', ...argv], {
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  child.unref();
  closeSync(fd);
  return 0;
}
