// kafka-client-metrics's jopt-simple options (ClientMetricsCommand.ClientMetricsCommandOptions).
import type { OptionSpec } from '../../java-compat/jopt.js';
import { DEFAULT_OPTIONS } from '../../java-compat/jopt.js';

export const CLIENT_METRICS_DESCRIPTION = 'This tool helps to manipulate and describe client metrics configurations.';

/** The selector names a --match may use, listed in its help one per line after a tab. */
const MATCH_SELECTORS = ['client_id', 'client_instance_id', 'client_software_name', 'client_software_version', 'client_source_address', 'client_source_port'];

export const CLIENT_METRICS_OPTIONS: readonly OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: The Kafka server to connect to.' },
  { name: 'command-config', arg: 'required', argName: 'command config property file', description: 'Property file containing configs to be passed to Admin Client.' },
  { name: 'alter', description: 'Alter the configuration for the client metrics resource.' },
  { name: 'delete', description: 'Delete the configuration for the client metrics resource.' },
  { name: 'describe', description: 'List configurations for the client metrics resource.' },
  { name: 'list', description: 'List the client metrics resources.' },
  { name: 'name', arg: 'required', argName: 'name', description: 'Name of client metrics configuration resource.' },
  { name: 'generate-name', description: 'Generate a UUID to use as the name.' },
  { name: 'interval', arg: 'required', type: 'Integer', argName: 'push interval', description: 'The metrics push interval in milliseconds.' },
  {
    name: 'match',
    arg: 'required',
    argName: 'k1=v1,k2=v2',
    // Kafka's text, trailing space before the line break included.
    description: `Matching selector 'k1=v1,k2=v2'. The following is a list of valid selector names: \n${MATCH_SELECTORS.map((s) => `\t${s}`).join('\n')}`,
  },
  { name: 'metrics', arg: 'required', argName: 'm1,m2', description: "Telemetry metric name prefixes 'm1,m2'." },
  ...DEFAULT_OPTIONS,
];

/** The actions; exactly one must be given. */
export const CLIENT_METRICS_ACTIONS = ['alter', 'delete', 'describe', 'list'] as const;

/**
 * jopt's `withValuesSeparatedBy(',')` for --match and --metrics: each argument splits into its
 * non-empty comma-separated pieces (a StringTokenizer); an argument with none stays whole.
 */
export function commaSeparatedValues(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    const pieces = arg.split(',').filter((p) => p !== '');
    return pieces.length > 0 ? pieces : [arg];
  });
}
