// kt cluster / features / metadata-quorum / leader-election against Kafka's own Java tools on
// the same kt broker: stdout and exit code byte for byte; stderr too where Java prints no stack
// trace (kt prints one line where Java adds a trace, and its own version for --version).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';
import { run } from '../../helpers/run.js';

const JAVA_BIN = fileURLToPath(new URL('../../../../shared/java-kafka/bin/', import.meta.url));

describe.skipIf(!existsSync(JAVA_BIN))('admin tools: parity with Kafka 4.0 Java tools', () => {
  let broker: StartedBroker;
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', 't1', '--partitions', '2']);
  }, 60_000);
  afterAll(async () => {
    await broker?.close();
  });

  /** `{B}` in args becomes the broker's address. */
  async function compare(tool: string, args: readonly string[], stderrToo = true): Promise<void> {
    const real = args.map((a) => a.replace('{B}', broker.bootstrap));
    const [java, ours] = await Promise.all([run(`${JAVA_BIN}kafka-${tool}.sh`, [...real], { timeoutMs: 60_000 }), kt([tool, ...real])]);
    expect(ours.stdout.toString()).toBe(java.stdout.toString());
    expect(ours.code).toBe(java.code);
    if (stderrToo) expect(ours.stderr).toBe(java.stderr.toString());
  }

  const cases: Array<[string, string[], boolean?]> = [
    ['cluster', ['--help']],
    ['cluster', ['cluster-id', '--help']],
    ['cluster', ['unregister', '--help']],
    ['cluster', []],
    ['cluster', ['cluster-id']],
    ['cluster', ['cluster-id', '-b', '{B}', '-C', '{B}']],
    ['cluster', ['unregister', '-b', '{B}']],
    ['cluster', ['foo']],
    ['cluster', ['cluster-id', '-b', '{B}']],
    ['cluster', ['cluster-id', '--bootstrap-server', '{B}']],
    ['cluster', ['unregister', '-b', '{B}', '--id', '1']],
    ['features', ['--help']],
    ...['describe', 'upgrade', 'downgrade', 'disable', 'version-mapping', 'feature-dependencies'].map((c): [string, string[]] => ['features', ['--bootstrap-server', '{B}', c, '--help']]),
    ['features', ['describe']],
    ['features', ['--bootstrap-server', '{B}']],
    ['features', ['--bootstrap-server', '{B}', 'describe']],
    ['features', ['--bootstrap-server', '{B}', 'version-mapping']],
    ['features', ['--bootstrap-server', '{B}', 'version-mapping', '--release-version', '3.9-IV0']],
    ['features', ['--bootstrap-server', '{B}', 'version-mapping', '--release-version', '9.9']],
    ['features', ['--bootstrap-server', '{B}', 'feature-dependencies', '--feature', 'kraft.version=1', '--feature', 'group.version=1', '--feature', 'metadata.version=21']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade', '--feature', 'group.version=1', '--dry-run']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade', '--feature', 'metadata.version=25']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade', '--release-version', '4.0-IV3']],
    ['features', ['--bootstrap-server', '{B}', 'downgrade', '--metadata', '3.9-IV0']],
    ['features', ['--bootstrap-server', '{B}', 'downgrade', '--release-version', '3.9-IV0', '--dry-run']],
    ['features', ['--bootstrap-server', '{B}', 'disable', '--feature', 'group.version']],
    ['features', ['--bootstrap-server', '{B}', 'disable', '--feature', 'group.version', '--feature', 'foo.version', '--dry-run']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade', '--feature', 'a=b']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade', '--feature', 'a=1', '--feature', 'a=2']],
    ['features', ['--bootstrap-server', '{B}', 'upgrade', '--metadata', '9.9']],
    ['metadata-quorum', ['--help']],
    ...['describe', 'add-controller', 'remove-controller'].map((c): [string, string[]] => ['metadata-quorum', ['--bootstrap-server', '{B}', c, '--help']]),
    ['metadata-quorum', ['--bootstrap-server', '{B}', 'describe', '--status']],
    ['metadata-quorum', ['--bootstrap-server', '{B}', 'describe']],
    ['metadata-quorum', ['--bootstrap-server', '{B}', 'describe', '--status', '--replication']],
    ['metadata-quorum', ['--bootstrap-server', '{B}', 'describe', '--status', '--human-readable']],
    ['metadata-quorum', ['--bootstrap-server', '{B}']],
    ['metadata-quorum', ['describe', '--status']],
    ['leader-election', ['--bootstrap-server', '{B}', '--election-type', 'preferred', '--all-topic-partitions']],
    ['leader-election', ['--bootstrap-server', '{B}', '--election-type', 'preferred', '--topic', 't1', '--partition', '0']],
    ['leader-election', ['--bootstrap-server', '{B}', '--election-type', 'unclean', '--topic', 't1', '--partition', '1']],
    ['leader-election', ['--bootstrap-server', '{B}', '--election-type', 'PREFERRED', '--topic', 'nope', '--partition', '1'], false],
    ['leader-election', ['--bootstrap-server', '{B}', '--election-type', 'preferred', '--topic', 't1'], false],
  ];
  for (const [tool, args, stderrToo] of cases) {
    it(`${tool} ${args.join(' ')}`, () => compare(tool, args, stderrToo ?? true), 90_000);
  }
});
