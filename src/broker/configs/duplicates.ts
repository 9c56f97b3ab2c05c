// Kafka answers every copy of a resource named twice in one alter request with INVALID_REQUEST.
import { ErrorCode } from '../../protocol/errors.js';
import type { ResourceResult } from './resources.js';

export const DUPLICATE_RESOURCE: ResourceResult = { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Each resource must appear at most once.' };

/** Indexes of resources whose (type, name) appears more than once. */
export function duplicateResourceIndexes(resources: ReadonlyArray<{ resourceType: number; resourceName: string }>): Set<number> {
  const seen = new Map<string, number[]>();
  resources.forEach((r, i) => {
    const key = `${r.resourceType}:${r.resourceName}`;
    seen.set(key, [...(seen.get(key) ?? []), i]);
  });
  return new Set([...seen.values()].filter((ids) => ids.length > 1).flat());
}
