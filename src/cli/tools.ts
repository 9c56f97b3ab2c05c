// The Kafka-style tools, each one function of argv. Kafka's scripts parse their own options
// (jopt-simple semantics, reproduced in options.ts), so oclif has nothing to add once the
// command is known: bin/run.js calls these directly and skips oclif's plugin loading, which
// costs more than the broker's whole start-up. The oclif command classes call the same
// functions, so `kt help`, `kt <cmd>` via oclif and the fast path behave identically.

export type ToolRunner = (argv: string[]) => Promise<void>;

/**
 * `npm run build` bundles tools/server/start.js with the broker into one file (scripts/bundle-server.mjs):
 * loading ~150 separate modules was most of the broker's start-to-ready time. The specifier is a
 * variable so tsc does not look for the bundle, which only exists in dist/.
 */
const SERVER_START_BUNDLE: string = '../tools/server/start.bundle.js';

function loadServerStart(): Promise<typeof import('../tools/server/start.js')> {
  return import(SERVER_START_BUNDLE) as Promise<typeof import('../tools/server/start.js')>;
}

export const TOOLS: Readonly<Partial<Record<string, ToolRunner>>> = {
  'server start': async (argv) => {
    const { runServerStart } = await loadServerStart();
    const { exitAfterFlush } = await import('./tool.js');
    await exitAfterFlush(await runServerStart(argv));
  },
  'server stop': async (argv) => {
    const { runServerStop } = await import('../tools/server/stop.js');
    const { exitAfterFlush } = await import('./tool.js');
    await exitAfterFlush(await runServerStop(argv));
  },
  topics: async (argv) => {
    const [{ runTool }, { runTopics }, { TOPICS_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/topics/run.js'), import('../tools/topics/options.js')]);
    await runTool(argv, TOPICS_OPTIONS, () => runTopics(argv));
  },
  'console-producer': async (argv) => {
    const [{ runTool }, { runConsoleProducer }, { PRODUCER_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('../tools/console-producer/run.js'),
      import('../tools/console-producer/options.js'),
    ]);
    await runTool(argv, PRODUCER_OPTIONS, () => runConsoleProducer(argv));
  },
  'console-consumer': async (argv) => {
    const [{ runTool }, { runConsoleConsumer }, { CONSUMER_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('../tools/console-consumer/run.js'),
      import('../tools/console-consumer/options.js'),
    ]);
    await runTool(argv, CONSUMER_OPTIONS, () => runConsoleConsumer(argv));
  },
  'producer-perf-test': async (argv) => {
    const [{ runTool }, { runProducerPerfTest }] = await Promise.all([import('./tool.js'), import('../tools/producer-perf-test/run.js')]);
    await runTool(argv, [], () => runProducerPerfTest(argv));
  },
  'verifiable-producer': async (argv) => {
    const [{ runTool }, { runVerifiableProducer }] = await Promise.all([import('./tool.js'), import('../tools/verifiable-producer/run.js')]);
    await runTool(argv, [], () => runVerifiableProducer(argv));
  },
  'consumer-perf-test': async (argv) => {
    const [{ runTool }, { runConsumerPerfTest }, { CONSUMER_PERF_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('../tools/consumer-perf-test/run.js'),
      import('../tools/consumer-perf-test/options.js'),
    ]);
    await runTool(argv, CONSUMER_PERF_OPTIONS, () => runConsumerPerfTest(argv));
  },
  'e2e-latency': async (argv) => {
    const [{ runTool }, { runEndToEndLatency }] = await Promise.all([import('./tool.js'), import('../tools/e2e-latency/run.js')]);
    await runTool(argv, [], () => runEndToEndLatency(argv));
  },
  'consumer-groups': async (argv) => {
    const [{ runTool }, { runConsumerGroups }, { CONSUMER_GROUPS_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('../tools/consumer-groups/run.js'),
      import('../tools/consumer-groups/options.js'),
    ]);
    await runTool(argv, CONSUMER_GROUPS_OPTIONS, () => runConsumerGroups(argv));
  },
  'dump-log': async (argv) => {
    const [{ runTool }, { runDumpLog }, { DUMP_LOG_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/dump-log/run.js'), import('../tools/dump-log/options.js')]);
    await runTool(argv, DUMP_LOG_OPTIONS, () => runDumpLog(argv));
  },
  'broker-api-versions': async (argv) => {
    const [{ runTool }, { runBrokerApiVersions, BROKER_API_VERSIONS_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/broker-api-versions/run.js')]);
    await runTool(argv, BROKER_API_VERSIONS_OPTIONS, () => runBrokerApiVersions(argv));
  },
  'get-offsets': async (argv) => {
    const [{ runTool }, { runGetOffsets }, { GET_OFFSETS_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/get-offsets/run.js'), import('../tools/get-offsets/options.js')]);
    await runTool(argv, GET_OFFSETS_OPTIONS, () => runGetOffsets(argv));
  },
  configs: async (argv) => {
    const [{ runTool }, { runConfigs }, { CONFIGS_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/configs/run.js'), import('../tools/configs/options.js')]);
    await runTool(argv, CONFIGS_OPTIONS, () => runConfigs(argv));
  },
  'delete-records': async (argv) => {
    const [{ runTool }, { runDeleteRecords, DELETE_RECORDS_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/delete-records/run.js')]);
    await runTool(argv, DELETE_RECORDS_OPTIONS, () => runDeleteRecords(argv));
  },
  'log-dirs': async (argv) => {
    const [{ runTool }, { runLogDirs, LOG_DIRS_OPTIONS }] = await Promise.all([import('./tool.js'), import('../tools/log-dirs/run.js')]);
    await runTool(argv, LOG_DIRS_OPTIONS, () => runLogDirs(argv));
  },
};

/** The tool named by argv's leading words (`server start`, `topics`), and the rest of argv. */
export function findTool(argv: readonly string[]): { run: ToolRunner; args: string[] } | undefined {
  for (const words of [2, 1]) {
    const run = TOOLS[argv.slice(0, words).join(' ')];
    if (run) return { run, args: argv.slice(words) };
  }
  return undefined;
}
