import { describe, expect, it } from 'vitest';
import { javaDouble, sendError, toolData } from '../../../src/tools/verifiable-producer/events.js';

describe('events', () => {
  it('renders doubles as Java does', () => {
    expect(javaDouble(0)).toBe('0.0');
    expect(javaDouble(123.5)).toBe('123.5');
    expect(javaDouble(12345678)).toBe('1.2345678E7');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
  });

  it('keeps Jackson field order', () => {
    expect(toolData(3, 2, -1, 1.5, 7)).toBe('{"timestamp":7,"name":"tool_data","sent":3,"acked":2,"target_throughput":-1,"avg_throughput":1.5}\n');
    expect(sendError('t', null, '1', 'org.apache.kafka.common.errors.TimeoutException', 'm', 7)).toBe(
      '{"timestamp":7,"name":"producer_send_error","topic":"t","key":null,"value":"1","exception":"class org.apache.kafka.common.errors.TimeoutException","message":"m"}\n',
    );
  });
});
