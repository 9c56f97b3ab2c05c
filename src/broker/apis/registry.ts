// Which APIs this broker serves, at which versions: exactly what the handler files declare.
// ApiVersions reads it. A handler declaring a version its schema does not define as stable is a
// programming error the broker refuses to start with, so a schema refresh can never make kt
// advertise a version no one has implemented (test/broker/apis/api-versions-pinned.test.ts).
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
      const { minVersion, maxVersion } = handler;
      const valid = Number.isInteger(minVersion) && Number.isInteger(maxVersion) && minVersion <= maxVersion;
      if (!valid || minVersion < schema.minVersion || maxVersion > schema.maxStableVersion) {
        throw new Error(
          `The ${schema.name} handler declares versions ${minVersion}-${maxVersion}, ` +
            `outside the schema's stable versions ${schema.minVersion}-${schema.maxStableVersion}`,
        );
      }
      this.byKey.set(handler.apiKey, { apiKey: handler.apiKey, name: schema.name, minVersion, maxVersion, handler });
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
