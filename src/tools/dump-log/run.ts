// kt dump-log: kafka-dump-log.sh (DumpLogSegments). Reads segment files directly, never a broker.
// Each file is dumped by its suffix; verification findings go to stderr after all files. Like
// Kafka, a file that cannot be read ends the tool with exit 1 after what was already printed.
import {
  INDEX_SUFFIX,
  KRAFT_SNAPSHOT_SUFFIX,
  LOG_SUFFIX,
  PRODUCER_SNAPSHOT_SUFFIX,
  TIME_INDEX_SUFFIX,
  TXN_INDEX_SUFFIX,
} from '../../storage/file-names.js';
import { buildMessageParser } from './decoders.js';
import { dumpIndex, dumpTimeIndex } from './index-files.js';
import { JavaException, javaFileName, javaFilePath } from './java.js';
import { parseDumpLogOptions, type DumpLogOptions } from './options.js';
import { Printer } from './output.js';
import { TimeIndexDumpErrors, verificationReport, type IndexMismatches, type NonConsecutiveOffsets } from './reports.js';
import { dumpLog } from './segment.js';
import { dumpProducerIdSnapshot, dumpTxnIndex } from './snapshot.js';

interface Findings {
  readonly indexMismatches: IndexMismatches;
  readonly timeIndexErrors: TimeIndexDumpErrors;
  readonly nonConsecutive: NonConsecutiveOffsets;
}

export async function runDumpLog(argv: readonly string[]): Promise<number> {
  const options = parseDumpLogOptions(argv);
  const out = new Printer();
  // stdout is flushed first so that a terminal shows both streams in Kafka's order.
  const stderr = async (line: string) => {
    await out.flush();
    process.stderr.write(`${line}\n`);
  };
  const findings: Findings = { indexMismatches: new Map(), timeIndexErrors: new TimeIndexDumpErrors(), nonConsecutive: new Map() };
  let failure: unknown;
  try {
    for (const arg of options.files) await dumpFile(out, javaFilePath(arg), options, findings, stderr);
  } catch (e) {
    failure = e;
  }
  await out.flush();
  if (failure !== undefined) throw failure;
  for (const line of verificationReport(findings.indexMismatches, findings.timeIndexErrors, findings.nonConsecutive)) await stderr(line);
  return 0;
}

async function dumpFile(out: Printer, file: string, options: DumpLogOptions, findings: Findings, stderr: (line: string) => Promise<void>): Promise<void> {
  out.println(`Dumping ${file}`);
  const name = javaFileName(file);
  const dot = name.lastIndexOf('.');
  // Kafka takes `name.substring(name.lastIndexOf("."))`, which fails on a name without a dot.
  if (dot < 0) throw new JavaException('java.lang.StringIndexOutOfBoundsException', `begin -1, end ${name.length}, length ${name.length}`);
  const indexSettings = { indexSanityOnly: options.indexSanityOnly, verifyOnly: options.verifyOnly };
  switch (name.slice(dot)) {
    case LOG_SUFFIX:
    case KRAFT_SNAPSHOT_SUFFIX: {
      // Kafka builds the parser (and reads --max-bytes) for every log file, before opening it.
      const parser = buildMessageParser(options.parser, (line) => out.println(line));
      const settings = {
        printContents: options.printDataLog,
        deepIteration: options.deepIteration,
        skipRecordMetadata: options.skipRecordMetadata,
        maxBytes: options.maxBytes,
        parser,
      };
      return dumpLog(out, file, settings, findings.nonConsecutive);
    }
    case INDEX_SUFFIX:
      return dumpIndex(out, file, indexSettings, options.maxMessageSize, findings.indexMismatches);
    case TIME_INDEX_SUFFIX:
      return dumpTimeIndex(out, file, indexSettings, findings.timeIndexErrors);
    case PRODUCER_SNAPSHOT_SUFFIX:
      return dumpProducerIdSnapshot(out, file, stderr);
    case TXN_INDEX_SUFFIX:
      return dumpTxnIndex(out, file);
    default:
      return stderr(`Ignoring unknown file ${file}`);
  }
}
