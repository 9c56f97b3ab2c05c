// Done-when: confluent-kafka-python's alter_configs/describe_configs and kafka-python's
// describe_configs agree with `kt configs --describe --all` on every topic config's value,
// source, default flag and sensitivity, and the sources and defaults are Kafka's.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';
import { run } from '../helpers/run.js';

/** DescribeConfigs source ids as the Admin client names them. */
const SOURCES = ['UNKNOWN', 'DYNAMIC_TOPIC_CONFIG', 'DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG', 'STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG'];

interface PythonEntry {
  value: string | null;
  source: number;
  is_default?: boolean;
  is_sensitive: boolean;
  is_read_only: boolean;
  synonyms?: Array<[string, string | null, number]>;
}

interface KtEntry {
  value: string;
  source: string;
  isDefault: boolean;
  sensitive: boolean;
  synonyms: string[];
}

let broker: StartedBroker;

beforeAll(async () => {
  requireBuiltCli();
  // Static settings give some configs a STATIC_BROKER_CONFIG source.
  broker = await startBroker({ port: 0, config: { 'log.segment.bytes': '10485760', 'log.retention.hours': '100' } });
  const created = await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', 'interop', '--config', 'segment.ms=600000']);
  expect(created.code).toBe(0);
}, 30_000);

afterAll(async () => {
  await broker?.close();
});

/** `kt configs --describe --all` lines: `  name=value sensitive=false synonyms={SOURCE:name=value, ...}`. */
function parseKt(stdout: string): Map<string, KtEntry> {
  const lines = stdout.split('\n');
  expect(lines[0]).toBe('All configs for topic interop are:');
  const out = new Map<string, KtEntry>();
  for (const line of lines.slice(1, -1)) {
    const m = /^ {2}([^=]+)=(.*) sensitive=(true|false) synonyms=\{(.*)\}$/.exec(line);
    expect(m, line).not.toBeNull();
    const synonyms = m![4] === '' ? [] : m![4]!.split(', ');
    // Kafka's source is that of the first synonym (the entry's own override or broker setting).
    const source = synonyms.length === 0 ? 'DEFAULT_CONFIG' : synonyms[0]!.slice(0, synonyms[0]!.indexOf(':'));
    out.set(m![1]!, { value: m![2]!, source, isDefault: source === 'DEFAULT_CONFIG', sensitive: m![3] === 'true', synonyms });
  }
  return out;
}

it('confluent-kafka-python, kafka-python and kt configs agree on every topic config', async () => {
  const py = await run('/usr/bin/python3', [join(import.meta.dirname, 'python', 'describe_configs.py'), broker.bootstrap, 'interop'], { timeoutMs: 60_000 });
  expect(py.code, py.stderr).toBe(0);
  const { confluent, kafka_python: kafkaPython } = JSON.parse(py.stdout.toString()) as { confluent: Record<string, PythonEntry>; kafka_python: Record<string, PythonEntry> };

  const r = await kt(['configs', '--bootstrap-server', broker.bootstrap, '--describe', '--all', '--topic', 'interop']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const ktEntries = parseKt(r.stdout.toString());

  const names = [...ktEntries.keys()];
  expect(names.length).toBeGreaterThan(25);
  expect(Object.keys(confluent).sort()).toEqual(names);
  expect(Object.keys(kafkaPython).sort()).toEqual(names);
  for (const name of names) {
    const k = ktEntries.get(name)!;
    const c = confluent[name]!;
    const p = kafkaPython[name]!;
    expect({ name, value: c.value, source: SOURCES[c.source], isDefault: c.is_default, sensitive: c.is_sensitive }).toEqual({
      name,
      value: k.value,
      source: k.source,
      isDefault: k.isDefault,
      sensitive: k.sensitive,
    });
    expect({ name, value: p.value, source: SOURCES[p.source], sensitive: p.is_sensitive, synonyms: p.synonyms!.map(([n, v, s]) => `${SOURCES[s]}:${n}=${v}`) }).toEqual({
      name,
      value: k.value,
      source: k.source,
      sensitive: k.sensitive,
      synonyms: k.synonyms,
    });
    expect(c.is_read_only).toBe(false);
    expect(p.is_read_only).toBe(false);
  }

  // Kafka's sources: alter_configs replaced every override (segment.ms is gone), static broker
  // settings show through their synonyms, the rest are defaults.
  expect(ktEntries.get('retention.ms')).toEqual({
    value: '12345',
    source: 'DYNAMIC_TOPIC_CONFIG',
    isDefault: false,
    sensitive: false,
    // log.retention.hours is a synonym of log.retention.ms, not the synonym itself: Kafka lists none.
    synonyms: ['DYNAMIC_TOPIC_CONFIG:retention.ms=12345'],
  });
  expect(ktEntries.get('cleanup.policy')).toMatchObject({ value: 'compact', source: 'DYNAMIC_TOPIC_CONFIG' });
  expect(ktEntries.get('segment.ms')).toEqual({
    value: '604800000',
    source: 'DEFAULT_CONFIG',
    isDefault: true,
    sensitive: false,
    // Likewise log.roll.hours for log.roll.ms, which has no default of its own.
    synonyms: [],
  });
  expect(ktEntries.get('segment.bytes')).toEqual({
    value: '10485760',
    source: 'STATIC_BROKER_CONFIG',
    isDefault: false,
    sensitive: false,
    synonyms: ['STATIC_BROKER_CONFIG:log.segment.bytes=10485760', 'DEFAULT_CONFIG:log.segment.bytes=1073741824'],
  });
  expect(ktEntries.get('max.message.bytes')).toEqual({
    value: '1048588',
    source: 'DEFAULT_CONFIG',
    isDefault: true,
    sensitive: false,
    synonyms: ['DEFAULT_CONFIG:message.max.bytes=1048588'],
  });

  const dynamic = await kt(['configs', '--bootstrap-server', broker.bootstrap, '--describe', '--topic', 'interop']);
  expect(dynamic.stdout.toString()).toBe(
    'Dynamic configs for topic interop are:\n' +
      '  cleanup.policy=compact sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact, DEFAULT_CONFIG:log.cleanup.policy=delete}\n' +
      '  retention.ms=12345 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=12345}\n',
  );
}, 90_000);
