import { describe, expect, it } from 'vitest';
import { justify, wrapJustified } from '../../../src/tools/verifiable-producer/argparse4j-text.js';
import { javaDouble, sendError, toolData } from '../../../src/tools/verifiable-producer/events.js';

describe('argparse4j error wrapping', () => {
  it('justifies full lines at 75 columns like argparse4j', () => {
    expect(wrapJustified('verifiable-producer: error: one of the arguments --bootstrap-server is required')).toBe(
      'verifiable-producer: error:  one  of  the  arguments  --bootstrap-server is\nrequired',
    );
    expect(wrapJustified(`verifiable-producer: error: argument --max-messages: could not convert 'z' to Integer (For input string: "z")`)).toBe(
      `verifiable-producer: error: argument --max-messages:  could not convert 'z'\nto Integer (For input string: "z")`,
    );
    expect(wrapJustified("verifiable-producer: error: unrecognized arguments: '--bogus'")).toBe("verifiable-producer: error: unrecognized arguments: '--bogus'");
  });

  it('gives every gap the even share and the middle gaps the rest', () => {
    expect(justify('Produce this many messages. If -1, produce', 50)).toBe('Produce  this  many   messages.   If  -1,  produce');
  });
});

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
