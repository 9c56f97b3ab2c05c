// kafka-dump-log's options (DumpLogSegments.DumpLogSegmentsOptions, jopt-simple).
// Like Kafka, values are converted when first read (an unparsable --max-bytes only fails when a
// .log file is dumped), and parse errors escape as jopt's exceptions instead of printing usage.
import { JavaException } from './java.js';
import { DEFAULT_OPTIONS, OptionError, parseArgs, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { checkHelpOrVersion, checkRequired } from '../../cli/tool.js';

export const DUMP_LOG_HELP = 'This tool helps to parse a log file and dump its contents to the console, useful for debugging a seemingly corrupt log segment.';

export const STRING_DECODER = 'org.apache.kafka.tools.api.StringDecoder';
const INT_MAX = 2147483647;

export const DUMP_LOG_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'print-data-log', description: 'If set, printing the messages content when dumping data logs. Automatically set if any decoder option is specified.' },
  { name: 'verify-index-only', description: 'If set, just verify the index log without printing its content.' },
  {
    name: 'index-sanity-check',
    description:
      'If set, just checks the index sanity without printing its content. This is the same check that is executed on broker startup to determine if an index needs rebuilding or not.',
  },
  { name: 'files', arg: 'required', argName: 'file1, file2, ...', description: 'REQUIRED: The comma separated list of data and index log files to be dumped.' },
  { name: 'max-message-size', arg: 'required', type: 'Integer', argName: 'size', defaultValue: String(5 * 1024 * 1024), description: 'Size of largest message.' },
  {
    name: 'max-bytes',
    arg: 'required',
    type: 'Integer',
    argName: 'size',
    defaultValue: String(INT_MAX),
    description: 'Limit the amount of total batches read in bytes avoiding reading the whole .log file(s).',
  },
  { name: 'deep-iteration', description: 'If set, uses deep instead of shallow iteration. Automatically set if print-data-log is enabled.' },
  {
    name: 'value-decoder-class',
    arg: 'optional',
    defaultValue: STRING_DECODER,
    description:
      'If set, used to deserialize the messages. This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.',
  },
  {
    name: 'key-decoder-class',
    arg: 'optional',
    defaultValue: STRING_DECODER,
    description:
      'If set, used to deserialize the keys. This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.',
  },
  { name: 'offsets-decoder', description: 'If set, log data will be parsed as offset data from the __consumer_offsets topic.' },
  { name: 'transaction-log-decoder', description: 'If set, log data will be parsed as transaction metadata from the __transaction_state topic.' },
  { name: 'cluster-metadata-decoder', description: 'If set, log data will be parsed as cluster metadata records.' },
  {
    name: 'remote-log-metadata-decoder',
    description:
      'If set, log data will be parsed as TopicBasedRemoteLogMetadataManager (RLMM) metadata records. Instead, the value-decoder-class option can be used if a custom RLMM implementation is configured.',
  },
  { name: 'share-group-state-decoder', description: 'If set, log data will be parsed as share group state data from the __share_group_state topic.' },
  { name: 'skip-record-metadata', description: 'Whether to skip printing metadata for each record.' },
];

/** Which parser --print-data-log uses (DumpLogSegmentsOptions.messageParser, in its order). */
export type ParserChoice =
  | { kind: 'offsets' }
  | { kind: 'transaction-log' }
  | { kind: 'cluster-metadata' }
  | { kind: 'remote-log-metadata' }
  | { kind: 'share-group-state' }
  | { kind: 'decoders'; keyDecoder: string; valueDecoder: string };

const DECODER_FLAGS = ['offsets-decoder', 'transaction-log-decoder', 'cluster-metadata-decoder', 'remote-log-metadata-decoder', 'share-group-state-decoder'] as const;

export class DumpLogOptions {
  readonly printDataLog: boolean;
  readonly deepIteration: boolean;
  readonly skipRecordMetadata: boolean;
  readonly verifyOnly: boolean;
  readonly indexSanityOnly: boolean;

  constructor(private readonly options: ParsedOptions) {
    this.printDataLog =
      options.has('print-data-log') || DECODER_FLAGS.some((f) => options.has(f)) || options.has('value-decoder-class') || options.has('key-decoder-class');
    this.deepIteration = options.has('deep-iteration') || this.printDataLog;
    this.skipRecordMetadata = options.has('skip-record-metadata');
    this.verifyOnly = options.has('verify-index-only');
    this.indexSanityOnly = options.has('index-sanity-check');
  }

  /** --files split on commas, no trimming, as Java's `split(",")`: trailing empty strings dropped. */
  get files(): string[] {
    const value = javaOption(() => this.options.valueOf('files')!);
    if (!value.includes(',')) return [value];
    const parts = value.split(',');
    while (parts.length > 0 && parts.at(-1) === '') parts.pop();
    return parts;
  }

  get maxMessageSize(): number {
    return javaOption(() => this.options.intValueOf('max-message-size')!);
  }

  get maxBytes(): number {
    return javaOption(() => this.options.intValueOf('max-bytes')!);
  }

  get parser(): ParserChoice {
    if (this.options.has('offsets-decoder')) return { kind: 'offsets' };
    if (this.options.has('transaction-log-decoder')) return { kind: 'transaction-log' };
    if (this.options.has('cluster-metadata-decoder')) return { kind: 'cluster-metadata' };
    if (this.options.has('remote-log-metadata-decoder')) return { kind: 'remote-log-metadata' };
    if (this.options.has('share-group-state-decoder')) return { kind: 'share-group-state' };
    // An optional-argument option given without a value reads as its default (jopt's valuesOf).
    const decoder = (name: string) => javaOption(() => this.options.valueOf(name)) ?? STRING_DECODER;
    return { kind: 'decoders', valueDecoder: decoder('value-decoder-class'), keyDecoder: decoder('key-decoder-class') };
  }
}

/** Parses argv; --help/--version/missing --files are usage errors, jopt's own errors escape as exceptions. */
export function parseDumpLogOptions(argv: readonly string[]): DumpLogOptions {
  const options = javaOption(() => parseArgs(argv, DUMP_LOG_OPTIONS));
  checkHelpOrVersion(options, DUMP_LOG_HELP);
  checkRequired(options, 'files');
  return new DumpLogOptions(options);
}

/** jopt's exception classes, which the tool does not catch. */
function javaOption<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    throw new JavaException(`joptsimple.${joptExceptionClass(e.message)}`, e.message);
  }
}

function joptExceptionClass(message: string): string {
  if (message.endsWith('is not a recognized option')) return 'UnrecognizedOptionException';
  if (message.endsWith('requires an argument')) return 'OptionMissingRequiredArgumentException';
  if (message.startsWith('Found multiple arguments')) return 'MultipleArgumentsForOptionException';
  if (message.startsWith('Cannot parse argument')) return 'OptionArgumentConversionException';
  return 'OptionException';
}
