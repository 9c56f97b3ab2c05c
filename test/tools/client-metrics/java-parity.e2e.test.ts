// kt client-metrics against Kafka's own kafka-client-metrics.sh on the same kt broker: stdout and
// exit code byte for byte, one case after the other (each command is idempotent, so Java's run
// leaves the state kt's run expects). stderr: exactly where Java prints only text; its first line
// where Java adds a stack trace (kt keeps those for --verbose); not at all where Java only logs
// the trace of an error it printed on stdout (--version is left out: kt prints its own version).
// Option tables compare word for word until kt's jopt help matches jopt's column widths.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';
import { run } from '../../helpers/run.js';

const JAVA_TOOL = fileURLToPath(new URL('../../../../shared/java-kafka/bin/kafka-client-metrics.sh', import.meta.url));

type StderrCheck = 'exact' | 'words' | 'first-line' | 'ignore';

describe.skipIf(!existsSync(JAVA_TOOL))('client-metrics: parity with Kafka 4.0 kafka-client-metrics.sh', () => {
  let broker: StartedBroker;
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
  }, 60_000);
  afterAll(async () => {
    await broker?.close();
  });

  const B = ['--bootstrap-server', '{B}'];
  const cases: Array<[string[], StderrCheck]> = [
    [['--help'], 'exact'],
    [[], 'exact'],
    [[...B, '--list'], 'exact'],
    [[...B, '--describe'], 'exact'],
    [[...B, '--alter', '--name', 'N', '--metrics', 'org.apache.kafka.producer.,org.apache.kafka.consumer.', '--interval', '1000'], 'exact'],
    [[...B, '--alter', '--name', 'M', '--metrics', 'a,,b', '--metrics', 'c', '--match', 'client_id=x,client_software_name=y', '--interval', '+150'], 'exact'],
    [[...B, '--alter', '--name', 'C', '--metrics', ',', '--interval', '100'], 'exact'],
    [[...B, '--describe', '--name', 'M'], 'exact'],
    [[...B, '--describe'], 'exact'],
    [[...B, '--list'], 'exact'],
    [[...B, '--alter', '--name', 'M', '--match', ''], 'exact'],
    [[...B, '--describe', '--name', 'M'], 'exact'],
    [[...B, '--describe', '--name', 'nope'], 'exact'],
    [[...B, '--delete', '--name', 'nope'], 'exact'],
    [[...B, '--alter', '--name', 'M', '--interval', '10'], 'ignore'],
    [[...B, '--alter', '--name', 'M', '--match', 'foo=bar'], 'ignore'],
    [[...B, '--alter', '--name', 'M', '--interval', 'abc'], 'ignore'],
    [[...B, '--describe', '--name', 'M', '--name', 'N'], 'ignore'],
    [[...B, '--delete', '--name', 'N'], 'exact'],
    [[...B, '--delete', '--name', 'M'], 'exact'],
    [[...B, '--delete', '--name', 'C'], 'exact'],
    [[...B, '--list'], 'exact'],
    [['--list'], 'first-line'],
    [[...B], 'exact'],
    [[...B, '--list', '--describe'], 'exact'],
    [[...B, '--list', '--name', 'x'], 'exact'],
    [[...B, '--delete', '--name', 'x', '--generate-name'], 'exact'],
    [[...B, '--describe', '--match', 'client_id=x'], 'exact'],
    [[...B, '--alter'], 'first-line'],
    [[...B, '--alter', '--name', 'a', '--generate-name'], 'first-line'],
    [[...B, '--delete'], 'first-line'],
    [[...B, '--list', '--foo'], 'first-line'],
    [[...B, '--list', '--name'], 'first-line'],
    [[...B, '--list', '--bootstrap-server', '{B}'], 'first-line'],
    [[...B, '--list', '--command-config', '/nonexistent/admin.properties'], 'first-line'],
  ];

  const words = (s: string) => s.trim().split(/\s+/);
  const firstLine = (s: string) => s.split('\n')[0];

  for (const [args, stderrCheck] of cases) {
    it(`client-metrics ${args.join(' ')}`, async () => {
      const real = args.map((a) => a.replace('{B}', broker.bootstrap));
      const java = await run(JAVA_TOOL, real, { timeoutMs: 60_000 });
      const ours = await kt(['client-metrics', ...real]);
      expect(ours.stdout.toString()).toBe(java.stdout.toString());
      expect(ours.code).toBe(java.code);
      const [javaErr, ourErr] = [java.stderr.toString(), ours.stderr];
      if (stderrCheck === 'exact') expect(ourErr).toBe(javaErr);
      if (stderrCheck === 'words') expect(words(ourErr)).toEqual(words(javaErr));
      if (stderrCheck === 'first-line') expect(firstLine(ourErr)).toBe(firstLine(javaErr));
    }, 90_000);
  }
});
