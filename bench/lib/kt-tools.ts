// Which of kt's perf tools exist in this build: each is probed with `--help` (Kafka's tools
// print their usage and exit 1), and its rows are skipped with a note when it is missing.
import { KT_BIN } from './broker.js';
import { run } from './processes.js';

export interface KtTools {
  producerPerfTest: boolean;
  consumerPerfTest: boolean;
  e2eLatency: boolean;
}

async function probe(tool: string, marker: RegExp): Promise<boolean> {
  try {
    const r = await run(process.execPath, [KT_BIN, tool, '--help'], { timeoutMs: 30_000 });
    const text = r.stdout + r.stderr;
    return marker.test(text) && !/not found|command .* not/i.test(text);
  } catch {
    return false;
  }
}

export async function probeKtTools(): Promise<KtTools> {
  const [producerPerfTest, consumerPerfTest, e2eLatency] = await Promise.all([
    probe('producer-perf-test', /--num-records/),
    probe('consumer-perf-test', /--messages/),
    probe('e2e-latency', /num_messages|NUM_MESSAGES/i),
  ]);
  return { producerPerfTest, consumerPerfTest, e2eLatency };
}
