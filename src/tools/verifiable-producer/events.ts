// The JSON event lines of Kafka's VerifiableProducer, field for field in the order Jackson
// writes them (timestamp and name first).

export function startupComplete(now = Date.now()): string {
  return `{"timestamp":${now},"name":"startup_complete"}\n`;
}

export function shutdownComplete(now = Date.now()): string {
  return `{"timestamp":${now},"name":"shutdown_complete"}\n`;
}

export function sendSuccess(key: string | null, value: string, offset: number, topic: string, partition: number, now = Date.now()): string {
  return `{"timestamp":${now},"name":"producer_send_success","key":${JSON.stringify(key)},"value":${JSON.stringify(value)},"offset":${offset},"topic":${JSON.stringify(topic)},"partition":${partition}}\n`;
}

/** `exception` is Java's Class.toString(): `class <fully qualified name>`. */
export function sendError(topic: string, key: string | null, value: string, javaClass: string, message: string, now = Date.now()): string {
  return `{"timestamp":${now},"name":"producer_send_error","topic":${JSON.stringify(topic)},"key":${JSON.stringify(key)},"value":${JSON.stringify(value)},"exception":${JSON.stringify(`class ${javaClass}`)},"message":${JSON.stringify(message)}}\n`;
}

export function toolData(sent: number, acked: number, targetThroughput: number, avgThroughput: number, now = Date.now()): string {
  return `{"timestamp":${now},"name":"tool_data","sent":${sent},"acked":${acked},"target_throughput":${targetThroughput},"avg_throughput":${javaDouble(avgThroughput)}}\n`;
}

/** Jackson's rendering of a Java double (Double.toString): `12.0`, `3.5`, `1.2345E7`, `NaN` as a string. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (!Number.isFinite(n)) return n > 0 ? '"Infinity"' : '"-Infinity"';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-3)) {
    const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  return Number.isInteger(n) ? `${n}.0` : String(n);
}
