// kt leader-election = kafka-leader-election.sh (LeaderElectionCommand): preferred or unclean
// leader elections for one partition, a JSON list of partitions, or all of them. Validation
// failures are one line on stderr, exit 1, without the option table (Kafka throws them).
import { readFileSync } from 'node:fs';
import type { AdminClient } from '../../client/admin-client.js';
import { ErrorCode } from '../../protocol/errors.js';
import { parseArgs } from '../../java-compat/jopt.js';
import { javaExceptionText } from '../../java-compat/java-exceptions.js';
import { checkHelpOrVersion, UsageError } from '../../cli/tool.js';
import { connectAdmin } from '../admin-common/connect.js';
import { LEADER_ELECTION_DESCRIPTION, LEADER_ELECTION_OPTIONS } from './options.js';

const fail = (message: string): never => {
  throw new UsageError(message, false);
};

/** The partitions of a --path-to-json-file, checked as Kafka checks them. */
function partitionsFromJson(path: string): Array<{ topic: string; partition: number }> {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { partitions?: Array<{ topic: string; partition: number }> };
  if (json.partitions === undefined) fail('Replica election data is missing "partitions" field');
  const partitions = json.partitions!.map((p) => ({ topic: p.topic, partition: p.partition }));
  if (partitions.length === 0) fail('Replica election data is empty');
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const p of partitions) {
    const key = `${p.topic}-${p.partition}`;
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  if (duplicates.size > 0) fail(`Replica election data contains duplicate partitions: ${[...duplicates].join(', ')}`);
  return partitions;
}

export async function runLeaderElection(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv, LEADER_ELECTION_OPTIONS);
  checkHelpOrVersion(options, LEADER_ELECTION_DESCRIPTION);
  const missing = ['bootstrap-server', 'election-type'].filter((n) => !options.has(n));
  if (missing.length > 0) fail(`Missing required option(s): ${missing.join(', ')}`);
  const scopes = ['topic', 'all-topic-partitions', 'path-to-json-file'].filter((n) => options.has(n));
  if (scopes.length !== 1) fail('One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file');
  if (options.has('topic') && !options.has('partition')) fail('Missing required option(s): partition');
  if (!options.has('topic') && options.has('partition')) fail('Option partition is only allowed if topic is used');

  const typeText = options.valueOf('election-type')!.toUpperCase();
  if (typeText !== 'PREFERRED' && typeText !== 'UNCLEAN') fail(`Cannot parse argument '${options.valueOf('election-type')}' of option election-type`);
  let partitions: Array<{ topic: string; partition: number }> | null = null;
  if (options.has('topic')) partitions = [{ topic: options.valueOf('topic')!, partition: options.intValueOf('partition')! }];
  else if (options.has('path-to-json-file')) partitions = partitionsFromJson(options.valueOf('path-to-json-file')!);

  let client: AdminClient | undefined;
  try {
    client = await connectAdmin(options.valueOf('bootstrap-server')!, options.valueOf('admin.config'), 'adminclient-1');
    const { electLeaders, ElectionType } = await import('../../client/admin/elect-leaders.js');
    const results = await electLeaders(client, ElectionType[typeText as 'PREFERRED' | 'UNCLEAN'], partitions, 30_000);
    const done = results.filter((r) => r.errorCode === ErrorCode.NONE).map((r) => `${r.topic}-${r.partition}`);
    const notNeeded = results.filter((r) => r.errorCode === ErrorCode.ELECTION_NOT_NEEDED).map((r) => `${r.topic}-${r.partition}`);
    const failed = results.filter((r) => r.errorCode !== ErrorCode.NONE && r.errorCode !== ErrorCode.ELECTION_NOT_NEEDED);
    if (done.length > 0) process.stdout.write(`Successfully completed leader election (${typeText}) for partitions ${done.join(', ')}\n`);
    if (notNeeded.length > 0) process.stdout.write(`Valid replica already elected for partitions ${notNeeded.join(', ')}\n`);
    for (const r of failed) {
      process.stdout.write(`Error completing leader election (${typeText}) for partition: ${r.topic}-${r.partition}: ${javaExceptionText(r.errorCode, r.errorMessage)}\n`);
    }
    if (failed.length > 0) {
      process.stderr.write(`${failed.length} replica(s) could not be elected\n`);
      return 1;
    }
    return 0;
  } finally {
    client?.close();
  }
}
