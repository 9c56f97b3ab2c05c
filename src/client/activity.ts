// A hook for whoever wants to show what the client is waiting for (the CLI's spinner on a
// terminal). The client only reports; it imports nothing to render it, and without an observer
// the calls cost nothing.

export interface ClientActivityObserver {
  /** A bootstrap connection to `address` (host:port) is being attempted. */
  connecting(address: string): void;
  /** The cluster answered through `address`. */
  connected(address: string): void;
}

let observer: ClientActivityObserver | undefined;

/** Installs (or, with undefined, removes) the observer; returns the previous one. */
export function observeClientActivity(next: ClientActivityObserver | undefined): ClientActivityObserver | undefined {
  const previous = observer;
  observer = next;
  return previous;
}

export function reportConnecting(address: string): void {
  observer?.connecting(address);
}

export function reportConnected(address: string): void {
  observer?.connected(address);
}
