// listeners + listener.security.protocol.map resolved as Kafka's KafkaConfig does, with its
// messages; only PLAINTEXT client listeners can be served.
import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../../../src/broker/config.js';

const failure = (values: Record<string, string>) => {
  try {
    new BrokerConfig(values);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('listener security protocols', () => {
  it('maps names through Kafka\'s default map', () => {
    const c = new BrokerConfig({ listeners: 'PLAINTEXT://127.0.0.1:9092' });
    expect(c.listeners).toEqual([{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092, securityProtocol: 'PLAINTEXT' }]);
  });

  it('maps a custom name through an explicit map, case-insensitively', () => {
    const c = new BrokerConfig({ listeners: 'client://:0', 'listener.security.protocol.map': 'CLIENT:plaintext' });
    expect(c.listeners).toEqual([{ name: 'CLIENT', host: '', port: 0, securityProtocol: 'PLAINTEXT' }]);
  });

  it('maps controller listeners to PLAINTEXT when the map is left at its default, and serves only the others', () => {
    const c = new BrokerConfig({ listeners: 'PLAINTEXT://:9092,CONTROLLER://:9093', 'controller.listener.names': 'CONTROLLER' });
    expect(c.listeners.map((l) => l.name)).toEqual(['PLAINTEXT']);
  });

  it('has no default mapping for controller listeners once SSL is in use', () => {
    expect(failure({ listeners: 'SSL://:9094,CONTROLLER://:9093', 'controller.listener.names': 'CONTROLLER' })).toBe(
      "Error creating broker listeners from 'SSL://:9094,CONTROLLER://:9093': No security protocol defined for listener CONTROLLER",
    );
  });

  it('refuses a listener name missing from the map', () => {
    expect(failure({ listeners: 'CLIENT://:9092' })).toBe("Error creating broker listeners from 'CLIENT://:9092': No security protocol defined for listener CLIENT");
    expect(failure({ listeners: 'CLIENT://:9092', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT' })).toBe(
      "Error creating broker listeners from 'CLIENT://:9092': No security protocol defined for listener CLIENT",
    );
  });

  it('refuses an unknown protocol and a malformed map', () => {
    expect(failure({ 'listener.security.protocol.map': 'PLAINTEXT:TLS' })).toBe('Invalid security protocol `TLS` defined in listener.security.protocol.map');
    expect(failure({ 'listener.security.protocol.map': 'PLAINTEXT' })).toBe("Error parsing configuration property 'listener.security.protocol.map': begin 0, end -1, length 9");
  });

  it('refuses unparsable entries, duplicate names and duplicate ports', () => {
    expect(failure({ listeners: 'PLAINTEXT://localhost' })).toBe("Error creating broker listeners from 'PLAINTEXT://localhost': Unable to parse PLAINTEXT://localhost to a broker endpoint");
    expect(failure({ listeners: 'PLAINTEXT://:9092,plaintext://:9093' })).toBe(
      'requirement failed: Each listener must have a different name, listeners: PLAINTEXT://:9092,plaintext://:9093',
    );
    expect(failure({ listeners: 'PLAINTEXT://:9092,SSL://:9092' })).toBe('requirement failed: Each listener must have a different port, listeners: PLAINTEXT://:9092,SSL://:9092');
    expect(failure({ listeners: 'PLAINTEXT://:70000' })).toBe('port out of range:70000');
  });

  it('allows one IPv4 and one IPv6 listener on the same port', () => {
    const c = new BrokerConfig({ listeners: 'PLAINTEXT://127.0.0.1:9092,INTERNAL://[::1]:9092', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT' });
    expect(c.listeners.map((l) => `${l.name} ${l.host} ${l.port}`)).toEqual(['PLAINTEXT 127.0.0.1 9092', 'INTERNAL ::1 9092']);
  });

  it('refuses every client listener whose protocol is not PLAINTEXT, naming it', () => {
    expect(failure({ listeners: 'SASL_SSL://:9093' })).toBe(
      'Listener SASL_SSL (SASL_SSL://:9093) uses security protocol SASL_SSL, which kt does not serve yet: only PLAINTEXT listeners can be started',
    );
    expect(failure({ listeners: 'PLAINTEXT://:9092,SSL://:9093' })).toBe(
      'Listener SSL (SSL://:9093) uses security protocol SSL, which kt does not serve yet: only PLAINTEXT listeners can be started',
    );
    expect(failure({ listeners: 'PLAINTEXT://:9092,CLIENT://:9093', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CLIENT:SASL_PLAINTEXT' })).toBe(
      'Listener CLIENT (CLIENT://:9093) uses security protocol SASL_PLAINTEXT, which kt does not serve yet: only PLAINTEXT listeners can be started',
    );
  });

  it('resolves advertised.listeners with the same map', () => {
    expect(failure({ 'advertised.listeners': 'EXTERNAL://example:9092' })).toBe(
      "Error creating broker listeners from 'EXTERNAL://example:9092': No security protocol defined for listener EXTERNAL",
    );
  });
});
