// The Kafka-style tools, each one function of argv. Kafka's scripts parse their own options
// (jopt-simple semantics, reproduced in options.ts), so oclif has nothing to add once the
// command is known: bin/run.js calls these directly and skips oclif's plugin loading, which
// costs more than the broker's whole start-up. The oclif command classes call the same
// functions, so `kt help`, `kt <cmd>` via oclif and the fast path behave identically.

export type ToolRunner = (argv: string[]) => Promise<void>;

export const TOOLS: Readonly<Partial<Record<string, ToolRunner>>> = {
  'server start': async (argv) => {
    const { runServerStart } = await import('./server-start.js');
    const { exitAfterFlush } = await import('./tool.js');
    await exitAfterFlush(await runServerStart(argv));
  },
  topics: async (argv) => {
    const [{ runTool }, { runTopics }, { TOPICS_OPTIONS }] = await Promise.all([import('./tool.js'), import('./topics-command.js'), import('./topics-options.js')]);
    await runTool(argv, TOPICS_OPTIONS, () => runTopics(argv));
  },
  'console-producer': async (argv) => {
    const [{ runTool }, { runConsoleProducer }, { PRODUCER_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('./console-producer.js'),
      import('./producer-options.js'),
    ]);
    await runTool(argv, PRODUCER_OPTIONS, () => runConsoleProducer(argv));
  },
  'console-consumer': async (argv) => {
    const [{ runTool }, { runConsoleConsumer }, { CONSUMER_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('./console-consumer.js'),
      import('./consumer-options.js'),
    ]);
    await runTool(argv, CONSUMER_OPTIONS, () => runConsoleConsumer(argv));
  },
  'producer-perf-test': async (argv) => {
    const [{ runTool }, { runProducerPerfTest }] = await Promise.all([import('./tool.js'), import('./producer-perf-test.js')]);
    await runTool(argv, [], () => runProducerPerfTest(argv));
  },
  'consumer-perf-test': async (argv) => {
    const [{ runTool }, { runConsumerPerfTest }, { CONSUMER_PERF_OPTIONS }] = await Promise.all([
      import('./tool.js'),
      import('./consumer-perf-test.js'),
      import('./consumer-perf-options.js'),
    ]);
    await runTool(argv, CONSUMER_PERF_OPTIONS, () => runConsumerPerfTest(argv));
  },
  'e2e-latency': async (argv) => {
    const [{ runTool }, { runEndToEndLatency }] = await Promise.all([import('./tool.js'), import('./e2e-latency.js')]);
    await runTool(argv, [], () => runEndToEndLatency(argv));
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
