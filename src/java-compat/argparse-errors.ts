// What argparse4j's parser raises: a usage error (printed with the usage block, exit 1) or -h.

export class ArgparseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgparseError';
  }
}

/** -h/--help was given. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

/** A version action (kafka-transactions' -v/--version) was given: print the version, exit 0. */
export class VersionRequested extends Error {
  constructor() {
    super('version requested');
    this.name = 'VersionRequested';
  }
}
