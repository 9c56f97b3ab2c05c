// producerConfig's transactional rules, as Java's ProducerConfig applies them: a transactional.id
// needs idempotence, which a conflicting acks/retries/in-flight count turns off unless it was set
// explicitly (then the conflict itself is the error).
import { describe, expect, it } from 'vitest';
import { producerConfig } from '../../src/client/producer-config.js';

const config = (entries: Record<string, string>) => producerConfig(new Map(Object.entries({ 'bootstrap.servers': 'localhost:9092', ...entries })), { clientId: 'c' });

describe('producerConfig and transactional.id', () => {
  it('reads transactional.id and transaction.timeout.ms (default 60000)', () => {
    expect(config({ 'transactional.id': 'tx' }).producer).toMatchObject({ transactionalId: 'tx', transactionTimeoutMs: 60000, idempotent: true, acks: -1 });
    expect(config({ 'transactional.id': 'tx', 'transaction.timeout.ms': '1000' }).producer.transactionTimeoutMs).toBe(1000);
    expect(config({}).producer.transactionalId).toBeNull();
  });

  it.each([
    [{ acks: '1' }, 'Cannot set a transactional.id without also enabling idempotence.'],
    [{ 'enable.idempotence': 'false' }, 'Cannot set a transactional.id without also enabling idempotence.'],
    [{ retries: '0' }, 'Cannot set a transactional.id without also enabling idempotence.'],
    [{ acks: '1', 'enable.idempotence': 'true' }, 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.'],
  ])('%j with a transactional.id: %s', (entries, message) => {
    expect(() => config({ 'transactional.id': 'tx', ...entries })).toThrow(message);
  });
});
