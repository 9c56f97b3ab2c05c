// NodeApiVersions.toString(true) as kafka-broker-api-versions prints it, with kt's protocol
// schemas standing in for Java's client.
import { describe, expect, it } from 'vitest';
import { formatNodeApiVersions } from '../../../src/tools/broker-api-versions/format.js';
import { nodeHashCode, nodeText } from '../../../src/client/cluster-metadata.js';
import { API_SCHEMAS } from '../../../src/protocol/api.js';

/** The APIs a broker listener may serve: Java's ApiKeys.clientApis(). */
const CLIENT_API_COUNT = API_SCHEMAS.filter((s) => s.listeners.includes('broker') || s.listeners.includes('zkBroker')).length;

function lines(block: string): string[] {
  expect(block.startsWith('(\n\t')).toBe(true);
  expect(block.endsWith('\n)')).toBe(true);
  return block.slice(3, -2).split(',\n\t');
}

describe('formatNodeApiVersions', () => {
  it('prints each advertised API with its range and the version kt would use, sorted by key', () => {
    const out = lines(
      formatNodeApiVersions([
        { apiKey: 18, minVersion: 0, maxVersion: 4 },
        { apiKey: 0, minVersion: 3, maxVersion: 11 },
        { apiKey: 1, minVersion: 0, maxVersion: 0 },
        // EndTxn: kt's schema goes to 5 (unstable included, as Java's latestVersion() does).
        { apiKey: 26, minVersion: 0, maxVersion: 9 },
      ]),
    );
    expect(out).toHaveLength(CLIENT_API_COUNT);
    expect(out[0]).toBe('Produce(0): 3 to 11 [usable: 11]');
    expect(out[1]).toBe('Fetch(1): 0 [usable: 0]');
    expect(out[2]).toBe('ListOffsets(2): UNSUPPORTED');
    expect(out.find((l) => l.startsWith('ApiVersions(18)'))).toBe('ApiVersions(18): 0 to 4 [usable: 4]');
    expect(out.find((l) => l.startsWith('EndTxn(26)'))).toBe('EndTxn(26): 0 to 9 [usable: 5]');
    // Controller-only APIs are not listed when absent.
    expect(out.some((l) => l.startsWith('Vote('))).toBe(false);
    expect(out.filter((l) => l.endsWith(': UNSUPPORTED'))).toHaveLength(CLIENT_API_COUNT - 4);
  });

  it('marks ranges kt cannot use and keys it does not know', () => {
    const out = lines(
      formatNodeApiVersions([
        { apiKey: 3, minVersion: 13, maxVersion: 15 },
        { apiKey: 8, minVersion: -2, maxVersion: -1 },
        { apiKey: 999, minVersion: 1, maxVersion: 2 },
        { apiKey: 52, minVersion: 0, maxVersion: 1 },
      ]),
    );
    expect(out.find((l) => l.startsWith('Metadata(3)'))).toBe('Metadata(3): 13 to 15 [unusable: node too new]');
    expect(out.find((l) => l.startsWith('OffsetCommit(8)'))).toBe('OffsetCommit(8): -2 to -1 [unusable: node too old]');
    // A controller API the broker does list is shown like any other.
    expect(out.find((l) => l.startsWith('Vote(52)'))).toBe('Vote(52): 0 to 1 [usable: 1]');
    expect(out[out.length - 1]).toBe('UNKNOWN(999): 1 to 2');
    expect(out).toHaveLength(CLIENT_API_COUNT + 2);
  });

  it('keeps the last entry when a key is listed twice', () => {
    const out = lines(
      formatNodeApiVersions([
        { apiKey: 0, minVersion: 0, maxVersion: 5 },
        { apiKey: 0, minVersion: 3, maxVersion: 7 },
      ]),
    );
    expect(out[0]).toBe('Produce(0): 3 to 7 [usable: 7]');
  });
});

describe('Node', () => {
  it('prints as Kafka 4.0 prints a Node', () => {
    expect(nodeText({ nodeId: 1, host: 'localhost', port: 9092, rack: null })).toBe('localhost:9092 (id: 1 rack: null isFenced: false)');
    expect(nodeText({ nodeId: 2, host: 'h', port: 1, rack: 'r1' })).toBe('h:1 (id: 2 rack: r1 isFenced: false)');
  });

  it('hashes as Java does', () => {
    // Node(1, "localhost", 9092, null, false).hashCode(), worked by hand:
    // 31 + "localhost".hashCode() = -1204607054; *31 + 1 = 1311886991; *31 + 9092 = 2013800149;
    // *31 + 0 = -1996704821; *31 + Boolean.hashCode(false) = -1768306070 (int arithmetic).
    expect(nodeHashCode({ nodeId: 1, host: 'localhost', port: 9092, rack: null })).toBe(-1768306070);
  });
});
