// `kt client-metrics` against kt's broker, no Java needed: the exact bytes and exit codes Kafka's
// ClientMetricsCommand gives (checked against it in java-parity.e2e.test.ts where Java exists).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { formatOptionTable } from '../../../src/java-compat/jopt-help.js';
import { CLIENT_METRICS_DESCRIPTION, CLIENT_METRICS_OPTIONS } from '../../../src/tools/client-metrics/options.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
let scratch: string;

beforeAll(async () => {
  requireBuiltCli();
  scratch = mkdtempSync(join(tmpdir(), 'kt-client-metrics-'));
  broker = await startBroker({ port: 0 });
}, 60_000);

afterAll(async () => {
  await broker?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `kt client-metrics --bootstrap-server <broker> ...args`. */
async function clientMetrics(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await kt(['client-metrics', '--bootstrap-server', broker.bootstrap, ...args]);
  return { code: r.code, stdout: r.stdout.toString(), stderr: r.stderr };
}

const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
const failed = (stdout: string) => ({ code: 1, stdout, stderr: '' });
/** A check Kafka reports with its option table (CommandLineUtils.printUsageAndExit). */
const usage = (message: string) => ({ code: 1, stdout: '', stderr: `${message}\n${formatOptionTable(CLIENT_METRICS_OPTIONS)}` });
/** A check Kafka throws: the message alone (Java adds a stack trace kt leaves to --verbose). */
const thrown = (message: string) => ({ code: 1, stdout: '', stderr: `${message}\n` });

describe('kt client-metrics', () => {
  it('lists nothing as one empty line on a new cluster', async () => {
    expect(await clientMetrics('--list')).toEqual(ok('\n'));
    expect(await clientMetrics('--describe')).toEqual(ok(''));
  });

  it('alters, describes (keys in Java HashMap order), lists and deletes a subscription', async () => {
    expect(await clientMetrics('--alter', '--name', 'sub1', '--metrics', 'org.apache.kafka.producer.,org.apache.kafka.consumer.', '--interval', '1000')).toEqual(
      ok('Altered client metrics config for sub1.\n'),
    );
    // --metrics and --match split at commas, dropping empty pieces, and repeat in order.
    expect(await clientMetrics('--alter', '--name', 'sub2', '--metrics', 'a,,b', '--metrics', 'c', '--match', 'client_id=x,client_software_name=y', '--interval', '+150')).toEqual(
      ok('Altered client metrics config for sub2.\n'),
    );
    const sub1 = 'Client metrics configs for sub1 are:\n  interval.ms=1000\n  metrics=org.apache.kafka.producer.,org.apache.kafka.consumer.\n';
    const sub2 = 'Client metrics configs for sub2 are:\n  interval.ms=150\n  match=client_id=x,client_software_name=y\n  metrics=a,b,c\n';
    expect(await clientMetrics('--describe', '--name', 'sub2')).toEqual(ok(sub2));
    expect(await clientMetrics('--describe')).toEqual(ok(sub1 + sub2));
    expect(await clientMetrics('--list')).toEqual(ok('sub1\nsub2\n'));

    // An empty value deletes that config only.
    expect(await clientMetrics('--alter', '--name', 'sub2', '--match', '')).toEqual(ok('Altered client metrics config for sub2.\n'));
    expect(await clientMetrics('--describe', '--name', 'sub2')).toEqual(ok('Client metrics configs for sub2 are:\n  interval.ms=150\n  metrics=a,b,c\n'));

    expect(await clientMetrics('--delete', '--name', 'sub1')).toEqual(ok('Deleted client metrics config for sub1.\n'));
    expect(await clientMetrics('--delete', '--name', 'sub2')).toEqual(ok('Deleted client metrics config for sub2.\n'));
    expect(await clientMetrics('--list')).toEqual(ok('\n'));
  });

  it('describes and deletes an unknown name without complaint, as Kafka does', async () => {
    expect(await clientMetrics('--describe', '--name', 'nope')).toEqual(ok('Client metrics configs for nope are:\n'));
    expect(await clientMetrics('--delete', '--name', 'nope')).toEqual(ok('Deleted client metrics config for nope.\n'));
  });

  it('--generate-name names the subscription with a Kafka Uuid', async () => {
    const r = await clientMetrics('--alter', '--generate-name', '--interval', '2000');
    expect(r.code).toBe(0);
    const name = /^Altered client metrics config for ([A-Za-z0-9_-]{22})\.\n$/.exec(r.stdout)?.[1];
    expect(name).toBeDefined();
    expect(name!.startsWith('-')).toBe(false);
    expect(await clientMetrics('--list')).toEqual(ok(`${name}\n`));
    expect(await clientMetrics('--delete', '--name', name!)).toEqual(ok(`Deleted client metrics config for ${name}.\n`));
  });

  it("prints the broker's rejections on stdout and exits 1", async () => {
    const error = (msg: string) => failed(`Error while executing client metrics command : ${msg}\n`);
    expect(await clientMetrics('--alter', '--name', 'M', '--interval', '10')).toEqual(
      error('Invalid value 10 for interval.ms, interval must be between 100 and 3600000 (1 hour)'),
    );
    expect(await clientMetrics('--alter', '--name', 'M', '--match', 'foo=bar')).toEqual(error('Illegal client matching pattern: foo=bar'));
    expect(await clientMetrics('--alter', '--name', 'M', '--match', 'client_id')).toEqual(error('Illegal client matching pattern: client_id'));
    // Values Kafka reads only when acting fail on the same path.
    expect(await clientMetrics('--alter', '--name', 'M', '--interval', 'abc')).toEqual(error("Cannot parse argument 'abc' of option interval"));
    expect(await clientMetrics('--alter', '--name', 'M', '--interval', '99999999999')).toEqual(error("Cannot parse argument '99999999999' of option interval"));
    expect(await clientMetrics('--describe', '--name', 'a', '--name', 'b')).toEqual(error('Found multiple arguments for option name, but you asked for only one'));
    expect(await clientMetrics('--list')).toEqual(ok('\n'));
  });

  it('checks its options as ClientMetricsCommandOptions does', async () => {
    expect(await clientMetrics()).toEqual(usage('Command must include exactly one action: --alter, --delete, --describe or --list.'));
    expect(await clientMetrics('--list', '--describe')).toEqual(usage('Command must include exactly one action: --alter, --delete, --describe or --list.'));
    expect(await clientMetrics('--list', '--name', 'x')).toEqual(usage('Option "[list]" can\'t be used with option "[name]"'));
    expect(await clientMetrics('--delete', '--name', 'x', '--metrics', 'a')).toEqual(usage('Option "[delete]" can\'t be used with option "[metrics]"'));
    expect(await clientMetrics('--describe', '--interval', '5')).toEqual(usage('Option "[describe]" can\'t be used with option "[interval]"'));
    expect(await clientMetrics('--alter')).toEqual(thrown('One of --name or --generate-name must be specified with --alter.'));
    expect(await clientMetrics('--alter', '--name', 'a', '--generate-name')).toEqual(thrown('One of --name or --generate-name must be specified with --alter.'));
    expect(await clientMetrics('--delete')).toEqual(thrown('A client metrics resource name must be specified with --delete.'));
    expect(await clientMetrics('--list', '--foo')).toEqual(thrown('foo is not a recognized option'));
    expect(await clientMetrics('--list', '--name')).toEqual(thrown('Option name requires an argument'));
    expect(await clientMetrics('--list', '--bootstrap-server', 'x')).toEqual(thrown('Found multiple arguments for option bootstrap-server, but you asked for only one'));
    expect(await clientMetrics('--list', '--command-config', join(scratch, 'missing.properties'))).toEqual(thrown(join(scratch, 'missing.properties')));
    expect(await clientMetrics('--list', '--command-config', scratch)).toEqual(thrown('Is a directory'));

    const none = await kt(['client-metrics', '--list']);
    expect({ code: none.code, stdout: none.stdout.toString(), stderr: none.stderr }).toEqual(thrown('--bootstrap-server must be specified.'));
  });

  it('reads --command-config, the command line winning for bootstrap.servers', async () => {
    const props = join(scratch, 'admin.properties');
    writeFileSync(props, 'bootstrap.servers=127.0.0.1:1\nrequest.timeout.ms=20000\n');
    expect(await clientMetrics('--list', '--command-config', props)).toEqual(ok('\n'));
  });

  it('prints Kafka\'s help on stderr and exits 1; --version on stdout', async () => {
    const help = await kt(['client-metrics', '--help']);
    expect({ code: help.code, stdout: help.stdout.toString(), stderr: help.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `${CLIENT_METRICS_DESCRIPTION}\n${formatOptionTable(CLIENT_METRICS_OPTIONS)}`,
    });
    const bare = await kt(['client-metrics']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toBe(help.stderr);
    const version = await clientMetrics('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });
});
