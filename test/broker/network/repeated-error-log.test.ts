// Accept failures (EMFILE while out of descriptors) are logged once per cause, with the count of
// repeats when the listener accepts again, instead of one ERROR line per refused client.
import { expect, it } from 'vitest';
import { RepeatedErrorLog } from '../../../src/broker/network/listener.js';

it('logs a failure once, counts its repeats, and reports them when the operation succeeds again', () => {
  const lines: string[] = [];
  const log = new RepeatedErrorLog((m) => lines.push(`ERROR ${m}`), (m) => lines.push(`INFO ${m}`));
  log.succeeded('ok'); // nothing had failed: nothing to say
  for (let i = 0; i < 5; i++) log.failed('accept EMFILE');
  log.failed('accept ENFILE');
  log.failed('accept ENFILE');
  log.succeeded('accepting again');
  log.failed('accept EMFILE');
  log.succeeded('accepting again');
  expect(lines).toEqual([
    'ERROR accept EMFILE',
    'ERROR accept EMFILE (repeated 4 more times)',
    'ERROR accept ENFILE',
    'ERROR accept ENFILE (repeated 1 more time)',
    'INFO accepting again',
    'ERROR accept EMFILE',
    'INFO accepting again',
  ]);
});
