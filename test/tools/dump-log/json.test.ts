// The JSON kt dump-log prints for coordinator records: Kafka's generated JSON converters as
// Jackson serializes them, and the --offsets-decoder's handling of odd records.
import { describe, expect, it } from 'vitest';
import { parseOffsetsRecord } from '../../../src/tools/dump-log/offsets-decoder.js';
import { JsonNumber, messageToJson, stringifyJson } from '../../../src/tools/dump-log/json.js';
import { encodeConsumerSubscription, encodeOffsetsRecordKey, encodeOffsetsRecordValue } from '../../../src/protocol/coordinator-records.js';

const record = (key: Buffer | null, value: Buffer | null) => ({ offset: 5n, timestamp: 0n, key, value });

describe('Jackson-style JSON', () => {
  it('escapes quotes, backslashes and control characters only, with upper-case hex', () => {
    expect(stringifyJson('a"b\\c\n\t\u0001\u001f/é€')).toBe('"a\\"b\\\\c\\n\\t\\u0001\\u001F/é€"');
    expect(stringifyJson(new Map<string, null | boolean | Buffer | JsonNumber | string[]>([['n', null], ['b', true], ['bytes', Buffer.from([0xfb, 0xff])], ['num', new JsonNumber('-1')], ['arr', ['x']]]))).toBe(
      '{"n":null,"b":true,"bytes":"+/8=","num":-1,"arr":["x"]}',
    );
  });

  it('writes the fields of the version, tagged fields only when they are not the default', () => {
    const value = { producerId: 5n, previousProducerId: -1n, nextProducerId: 9n, producerEpoch: 1, transactionTimeoutMs: 100, transactionStatus: 0, transactionPartitions: null, transactionLastUpdateTimestampMs: 7n, transactionStartTimestampMs: -1n, clientTransactionVersion: 0 };
    expect(stringifyJson(messageToJson('TransactionLogValue', 1, value))).toBe(
      '{"producerId":5,"nextProducerId":9,"producerEpoch":1,"transactionTimeoutMs":100,"transactionStatus":0,"transactionPartitions":null,"transactionLastUpdateTimestampMs":7,"transactionStartTimestampMs":-1}',
    );
    expect(stringifyJson(messageToJson('OffsetCommitValue', 1, { offset: 3n, leaderEpoch: 4, metadata: 'm', commitTimestamp: 10n, expireTimestamp: 20n }))).toBe(
      '{"offset":3,"metadata":"m","commitTimestamp":10,"expireTimestamp":20}',
    );
  });
});

describe('--offsets-decoder', () => {
  it('keeps member bytes as base64 unless the group uses the consumer protocol', () => {
    const subscription = encodeConsumerSubscription({ topics: ['a'] }, 0);
    const member = { memberId: 'm', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeout: 1, sessionTimeout: 2, subscription, assignment: Buffer.alloc(0) };
    const key = encodeOffsetsRecordKey(2, { group: 'g' });
    const value = (protocolType: string) => encodeOffsetsRecordValue(2, 3, { protocolType, generation: 1, protocol: 'p', leader: 'm', currentStateTimestamp: 3n, members: [member] });
    const members = (payload: string | null) => /"members":(.*)\}\}$/.exec(payload!)![1];
    expect(members(parseOffsetsRecord(record(key, value('connect'))).payload)).toBe(
      `[{"memberId":"m","groupInstanceId":null,"clientId":"c","clientHost":"/h","rebalanceTimeout":1,"sessionTimeout":2,"subscription":"${subscription.toString('base64')}","assignment":""}]`,
    );
    // An assignment too short to hold a version stays as it was.
    expect(members(parseOffsetsRecord(record(key, value('consumer'))).payload)).toBe(
      '[{"memberId":"m","groupInstanceId":null,"clientId":"c","clientHost":"/h","rebalanceTimeout":1,"sessionTimeout":2,"subscription":{"topics":["a"],"userData":null},"assignment":""}]',
    );
  });

  it('tombstones, unknown record types, undecodable values and missing keys', () => {
    const key = encodeOffsetsRecordKey(1, { group: 'g', topic: 't', partition: 0 });
    expect(parseOffsetsRecord(record(key, null))).toEqual({ key: '{"type":"1","data":{"group":"g","topic":"t","partition":0}}', payload: '<DELETE>' });
    expect(parseOffsetsRecord(record(Buffer.from([0, 99, 1]), Buffer.from([0, 0])))).toEqual({ key: 'Unknown record type 99 at offset 5, skipping.', payload: null });
    expect(parseOffsetsRecord(record(key, Buffer.from([0])))).toEqual({ key: "Error at offset 5, skipping. Could not read version from value's buffer.", payload: null });
    expect(parseOffsetsRecord(record(key, Buffer.from([0, 3, 0])))).toMatchObject({
      key: expect.stringMatching(/^Error at offset 5, skipping\. Could not read record with version 3 from value's buffer due to: .+\.$/),
      payload: null,
    });
    expect(() => parseOffsetsRecord(record(null, null))).toThrow(
      'java.lang.RuntimeException: Failed to decode message at offset 5 using offset topic decoder (message had a missing key)',
    );
  });
});
