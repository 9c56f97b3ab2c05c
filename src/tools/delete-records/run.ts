// kt delete-records = kafka-delete-records.sh (DeleteRecordsCommand): advance the log start
// offset of the partitions in --offset-json-file. Per-partition failures are printed as
// `error:` lines and the tool still exits 0; anything else prints its message on stderr, exit 1.
import { JSON_OPTION, wantsJson, writeJson } from '../../cli/json.js';
import { readFileSync } from 'node:fs';
import type { AdminClient } from '../../client/admin-client.js';
import { connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import type { DeleteResult } from './admin.js';
import type { RecordsToDelete } from './json.js';
import { DEFAULT_OPTIONS, OptionError, parseArgs, type OptionSpec } from '../../java-compat/jopt.js';
import { UsageError, VersionRequested, checkHelpOrVersion, checkRequired, describeError, isVerbose } from '../../cli/tool.js';

export const DELETE_RECORDS_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'bootstrap-server', arg: 'required', argName: 'server(s) to use for bootstrapping', description: 'REQUIRED: The server to connect to.' },
  {
    name: 'offset-json-file',
    arg: 'required',
    argName: 'Offset json file path',
    description:
      'REQUIRED: The JSON file with offset per partition. The format to use is:\n{"partitions":\n  [{"topic": "foo", "partition": 1, "offset": 1}],\n "version":1\n}',
  },
  {
    name: 'command-config',
    arg: 'required',
    argName: 'command config property file path',
    description: 'A property file containing configs to be passed to Admin Client.',
  },
  JSON_OPTION,
];

/** The typed result of `--json`: every partition of the offset file, in its order. */
export interface DeleteRecordsResult {
  readonly partitions: readonly {
    readonly topic: string;
    readonly partition: number;
    /** The partition's new log start offset; null when it failed. */
    readonly lowWatermark: bigint | null;
    /** The Java exception text of the failure; null when it succeeded. */
    readonly error: string | null;
  }[];
}

export async function runDeleteRecords(argv: readonly string[]): Promise<number> {
  let client: AdminClient | undefined;
  try {
    const options = parseArgs(argv, DELETE_RECORDS_OPTIONS);
    checkHelpOrVersion(options, 'This tool helps to delete records of the given partitions down to the specified offset.');
    checkRequired(options, 'bootstrap-server', 'offset-json-file');
    const props = adminToolProperties(options);
    const settings = connectionSettings(props, { clientId: 'adminclient-1', requestTimeoutMs: 30_000 });

    const [{ AdminClient }, { parseOffsetJson }, { deleteRecords }] = await Promise.all([
      import('../../client/admin-client.js'),
      import('./json.js'),
      import('./admin.js'),
    ]);
    // Admin.create connects lazily: a bad file is reported before the cluster is reached.
    const records = parseOffsetJson(readOffsetFile(options.valueOf('offset-json-file')!));
    const json = wantsJson(options);
    if (!json) process.stdout.write('Executing records delete operation\n');
    const results = await AdminClient.connect(settings).then(
      async (connected) => await deleteRecords((client = connected), records, settings),
      (e: unknown) => unreachable(e, records),
    );
    if (json) {
      const partitions = records.map((r) => {
        const result = results.get(`${r.topic}-${r.partition}`)!;
        return 'error' in result
          ? { topic: r.topic, partition: r.partition, lowWatermark: null, error: result.error }
          : { topic: r.topic, partition: r.partition, lowWatermark: result.lowWatermark, error: null };
      });
      writeJson({ partitions } satisfies DeleteRecordsResult);
      return 0;
    }
    process.stdout.write('Records delete operation completed:\n');
    let out = '';
    for (const r of records) {
      const result = results.get(`${r.topic}-${r.partition}`)!;
      out += 'error' in result ? `partition: ${r.topic}-${r.partition}\terror: ${result.error}\n` : `partition: ${r.topic}-${r.partition}\tlow_watermark: ${result.lowWatermark}\n`;
    }
    process.stdout.write(out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VersionRequested) throw e;
    // mainNoExit: the message (then, in Java, the stack trace) on stderr; jopt's errors included.
    process.stderr.write(`${e instanceof OptionError ? e.message : describeError(e, isVerbose(argv))}\n`);
    return 1;
  } finally {
    client?.close();
  }
}

/** No broker answered: Java's futures time out waiting for a node to send the lookup to. */
async function unreachable(e: unknown, records: readonly RecordsToDelete[]): Promise<Map<string, DeleteResult>> {
  const { ClusterUnreachableError } = await import('../../client/errors.js');
  if (!(e instanceof ClusterUnreachableError)) throw e;
  const error = 'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: deleteRecords(api=METADATA)';
  return new Map(records.map((r) => [`${r.topic}-${r.partition}`, { error }]));
}

/** Utils.readFileAsString, failing with the text of Java's exception. */
function readOffsetFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`java.nio.file.NoSuchFileException: ${path}`);
    if (code === 'EISDIR') throw new Error(`java.io.IOException: Is a directory`);
    if (code === 'EACCES') throw new Error(`java.nio.file.AccessDeniedException: ${path}`);
    throw e;
  }
}
