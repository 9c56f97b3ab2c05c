// kt's two helps: a Kafka tool's own --help (Kafka's text on stderr, exit 1, by bin/run.js's fast
// path and by oclif alike) and oclif's (`kt`, `kt help <cmd>`, `kt help server`, `kt help help`),
// plus "did you mean" for a mistyped command and --version in every command.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;
const OCLIF_ONLY = { env: { KT_NO_FAST_PATH: '1' } };
const TOOLS = [
  'broker-api-versions', 'configs', 'console-consumer', 'console-producer', 'consumer-groups', 'consumer-perf-test', 'delete-records',
  'dump-log', 'e2e-latency', 'get-offsets', 'log-dirs', 'producer-perf-test', 'server start', 'server stop', 'topics',
];

describe('kt help', () => {
  requireBuiltCli();

  it('kt, kt --help and kt help list every command and the server topic, exit 0', async () => {
    const outputs = await Promise.all([kt([]), kt(['--help']), kt(['help'])]);
    for (const r of outputs) {
      expect(r.code).toBe(0);
      const text = r.stdout.toString();
      expect(text).toMatch(/^A Kafka-compatible embedded broker[^\n]*\n\nVERSION\n  kt-kafka\/\d+\.\d+\.\d+ /);
      for (const id of TOOLS.filter((t) => !t.includes(' '))) expect(text).toContain(`\n  ${id} `);
      expect(text).toContain('\n  autocomplete ');
      expect(text).toContain('TOPICS\n  server  Start and stop the embedded Kafka-compatible broker\n          (kafka-server-start.sh, kafka-server-stop.sh).\n');
    }
    expect(outputs[1]!.stdout.equals(outputs[0]!.stdout)).toBe(true);
  });

  it('kt help topics is oclif\'s help from the declaration, on stdout, exit 0', async () => {
    const r = await kt(['help', 'topics']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const text = r.stdout.toString();
    expect(text.startsWith('Create, delete, describe, or change a topic (kafka-topics.sh).\n\nUSAGE\n  $ kt topics --bootstrap-server <host:port>')).toBe(true);
    expect(text).toContain('\nFLAGS\n  --alter\n      Alter the number of partitions and replica assignment. (To alter topic\n      configurations, the kafka-configs tool can be used.)\n');
    expect(text).toContain('\n  --bootstrap-server=<server to connect to>\n      REQUIRED: The Kafka server to connect to.\n');
    expect(text).toContain('\n  --config=<name=value>...\n');
    expect(text).toContain('\nEXAMPLES\n  $ kt topics --bootstrap-server localhost:9092 --list\n');
    expect(text).not.toContain('--verbose'); // hidden
    expect(text).not.toContain('\u001b['); // no colors in a pipe
  });

  it('kt help server shows the topic, kt help server start the command, kt help help the help command', async () => {
    const [server, start, help] = await Promise.all([kt(['help', 'server']), kt(['help', 'server', 'start']), kt(['help', 'help'])]);
    expect(server.code).toBe(0);
    expect(server.stdout.toString()).toContain('\nCOMMANDS\n  server start  Start the embedded Kafka-compatible broker\n                (kafka-server-start.sh).\n  server stop ');
    expect(start.code).toBe(0);
    expect(start.stdout.toString()).toMatch(/^Start the embedded Kafka-compatible broker \(kafka-server-start\.sh\)\.\n\nUSAGE\n  \$ kt server start \[-daemon\]/);
    expect(start.stdout.toString()).toContain('--override=<String>...');
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/^Display help for kt or one of its commands\.\n\nUSAGE\n  \$ kt help \[COMMAND\.\.\.\]\n/);
  });

  it('bold headings only when colors are forced (FORCE_COLOR), never with NO_COLOR', async () => {
    const [forced, none] = await Promise.all([kt(['help', 'topics'], { env: { FORCE_COLOR: '1' } }), kt(['help', 'topics'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })]);
    expect(forced.stdout.toString()).toContain('\u001b[1mUSAGE\u001b[22m\n');
    expect(none.stdout.toString()).not.toContain('\u001b[');
  });
});

describe('a Kafka tool\'s own --help', () => {
  it('is the same bytes by the fast path and through oclif (kt topics --help: stderr, exit 1)', async () => {
    const [fast, oclif] = await Promise.all([kt(['topics', '--help']), kt(['topics', '--help'], OCLIF_ONLY)]);
    expect(fast.code).toBe(1);
    expect(oclif.code).toBe(1);
    expect(fast.stderr).toMatch(/^This tool helps to create, delete, describe, or change a topic\.\nOption {2,}Description/);
    expect(oclif.stderr).toBe(fast.stderr);
    expect(oclif.stdout.equals(fast.stdout)).toBe(true);
  });

  it('kt server start --help is kafka.Kafka\'s usage with kt\'s synopsis and option table', async () => {
    const r = await kt(['server', 'start', '--help']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'USAGE: kt server start [-daemon] [server.properties] [--override property=value]*\n' +
        // jopt-simple's layout: each column as wide as its widest cell (src/java-compat/jopt-help.ts).
        'Option               Description                                         \n' +
        '------               -----------                                         \n' +
        '--override <String>  Optional property that should override values set in\n' +
        '                       server.properties file                            \n' +
        '--version            Print version information and exit.                 \n',
    );
  });
});

describe('--version', () => {
  it.each(TOOLS)('kt %s --version prints the version, exit 0', async (tool) => {
    const r = await kt([...tool.split(' '), '--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe(`${VERSION}\n`);
    expect(r.code).toBe(0);
  });
});

describe('did you mean', () => {
  it('kt topic suggests topics, exit 127', async () => {
    const r = await kt(['topic', '--list']);
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/^kt: topic is not a kt command\. Did you mean topics\?\n/);
    expect(r.stderr).toContain('Run kt help for a list of available commands.');
  });

  it('kt server stat suggests server start', async () => {
    const r = await kt(['server', 'stat']);
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/^kt: server stat is not a kt command\. Did you mean server start\?\n/);
  });
});
