// Which APIs this broker serves, at which versions. Derived from the handler files that exist
// and the schemas' stable version ranges, never maintained by hand: ApiVersions reads it.
import { API_VERSIONS } from '../../protocol/api.js';
import type { ApiHandler } from './handler.js';

export interface RegisteredApi {
  readonly apiKey: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  readonly handler: ApiHandler;
}

export class HandlerRegistry {
  private readonly byKey = new Map<number, RegisteredApi>();

  constructor(handlers: ReadonlyArray<ApiHandler<any>>) {
    for (const handler of handlers) {
      const schema = API_VERSIONS.find((a) => a.apiKey === handler.apiKey);
      if (!schema) throw new Error(`No schema for API key ${handler.apiKey}`);
      if (!schema.listeners.includes('broker')) throw new Error(`${schema.name} is not a broker API`);
      if (this.byKey.has(handler.apiKey)) throw new Error(`Two handlers for ${schema.name}`);
      this.byKey.set(handler.apiKey, {
        apiKey: handler.apiKey,
        name: schema.name,
        minVersion: Math.max(schema.minVersion, handler.minVersion ?? 0),
        maxVersion: Math.min(schema.maxStableVersion, handler.maxVersion ?? Number.MAX_SAFE_INTEGER),
        handler,
      });
    }
  }

  get(apiKey: number): RegisteredApi | undefined {
    return this.byKey.get(apiKey);
  }

  /** Every served API, ascending by key (the order ApiVersions lists them in). */
  all(): RegisteredApi[] {
    return [...this.byKey.values()].sort((a, b) => a.apiKey - b.apiKey);
  }
}
