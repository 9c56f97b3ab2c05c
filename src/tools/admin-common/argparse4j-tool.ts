// What kafka-cluster, kafka-features and kafka-metadata-quorum share around their argparse4j
// parser: the connection arguments (one of --bootstrap-server/--bootstrap-controller, and an
// Admin properties file), and the run itself: parse, connect on demand, print argparse4j's
// outcome or the failure Java's way (`--verbose` adds kt's stack), close the client.
import type { AdminClient } from '../../client/admin-client.js';
import { Argparse4jOutcome, parse4j, reportArgparse4j, type Arg4j, type Mutex4j, type Parser4j, type Value4j } from '../../java-compat/argparse4j-subcommands.js';
import { isVerbose } from '../../cli/tool.js';
import { connectAdmin, exceptionText } from './connect.js';

/** The start of Kafka's help texts for the two bootstrap arguments (FeatureCommand, MetadataQuorumCommand). */
export const HOST_PORT_LIST = 'A comma-separated list of host:port pairs to use for establishing the connection to the';

export interface ConnectionArgTexts {
  readonly server: { readonly flags: readonly string[]; readonly help: string };
  readonly controller: { readonly flags: readonly string[]; readonly help: string };
  readonly config: { readonly flags: readonly string[]; readonly help: string };
}

/** The bootstrap arguments form this required mutually exclusive group. */
export const BOOTSTRAP_GROUP: readonly Mutex4j[] = [{ name: 'bootstrap', required: true }];

/** --bootstrap-server | --bootstrap-controller (group `bootstrap`) and the properties file, in Kafka's order. */
export function connectionArgs(texts: ConnectionArgTexts): Arg4j[] {
  return [
    { ...texts.server, mutex: 'bootstrap' },
    { ...texts.controller, mutex: 'bootstrap' },
    { ...texts.config },
  ];
}

/** FeatureCommand's and MetadataQuorumCommand's connection arguments; only the controller help differs. */
export function commandConfigConnectionArgs(controllerHelp: string): Arg4j[] {
  return connectionArgs({
    server: { flags: ['--bootstrap-server'], help: `${HOST_PORT_LIST} Kafka cluster.` },
    controller: { flags: ['--bootstrap-controller'], help: controllerHelp },
    config: { flags: ['--command-config'], help: 'Property file containing configs to be passed to Admin Client.' },
  });
}

export interface AdminToolRun {
  readonly command: string | undefined;
  readonly values: ReadonlyMap<string, Value4j>;
  /** The properties file given, if any. */
  readonly configFile: string | undefined;
  /** Connects (once) to the bootstrap given; the client is closed when the run ends. */
  connect(): Promise<AdminClient>;
}

export interface AdminTool {
  readonly parser: Parser4j;
  /** Kafka's tools differ: kafka-cluster and kafka-features exit 1 after -h, kafka-metadata-quorum 0. */
  readonly helpExitCode: number;
  /** The dest of the properties-file argument (`config` or `command_config`). */
  readonly configDest: string;
  /** How a failure is printed; default Java's Throwable.toString(). */
  readonly failureText?: (e: unknown) => string;
}

export async function runAdminTool(argv: readonly string[], tool: AdminTool, body: (run: AdminToolRun) => Promise<number>): Promise<number> {
  let client: AdminClient | undefined;
  try {
    const { command, values } = parse4j(tool.parser, argv.filter((a) => a !== '--verbose'));
    const configFile = values.get(tool.configDest) as string | undefined;
    const connect = async (): Promise<AdminClient> => {
      const bootstrap = (values.get('bootstrap_server') ?? values.get('bootstrap_controller')) as string;
      client ??= await connectAdmin(bootstrap, configFile, 'adminclient-1');
      return client;
    };
    return await body({ command, values, configFile, connect });
  } catch (e) {
    if (e instanceof Argparse4jOutcome) return reportArgparse4j(e, tool.helpExitCode);
    process.stderr.write(`${(tool.failureText ?? exceptionText)(e)}\n`);
    if (isVerbose(argv) && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    client?.close();
  }
}
