// src/cli/json.ts: the JSON text of --json, exact for int64 values.
import { describe, expect, it } from 'vitest';
import { formatJson, stringifyExact } from '../../src/cli/json.js';
import { removedOptionIn } from '../../src/cli/tool.js';

describe('formatJson', () => {
  it('pretty-prints with two spaces and a final newline', () => {
    expect(formatJson({ topics: ['a'] })).toBe('{\n  "topics": [\n    "a"\n  ]\n}\n');
  });

  it('writes bigint values as exact JSON numbers', () => {
    expect(stringifyExact({ offset: 9007199254740993n, lag: -1n, name: 'bigint:1' })).toBe('{"offset":9007199254740993,"lag":-1,"name":"bigint:1"}');
  });
});

describe('removedOptionIn', () => {
  const specs = [{ name: 'bootstrap-server', description: '' }];
  it('finds --zookeeper and --broker-list a tool does not define', () => {
    expect(removedOptionIn(['--zookeeper', 'x'], specs)).toBe('zookeeper');
    expect(removedOptionIn(['--list', '--broker-list=x'], specs)).toBe('broker-list');
    expect(removedOptionIn(['--broker-list', 'x'], [...specs, { name: 'broker-list', description: '' }])).toBeUndefined();
    expect(removedOptionIn(['--', '--zookeeper'], specs)).toBeUndefined();
  });
});
