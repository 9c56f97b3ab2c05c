// `kt`, `kt --help` and `kt help` answer without oclif, with every command listed.
import { expect, it } from 'vitest';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';
import { TOOL_SUMMARIES } from '../../src/cli/tool-summaries.js';

it('lists every command for kt, kt --help and kt help, exit 0', async () => {
  requireBuiltCli();
  const outputs = await Promise.all([kt([]), kt(['--help']), kt(['help'])]);
  for (const r of outputs) {
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toMatch(/^A Kafka-compatible embedded broker[^\n]*\n\nVERSION\n  kt\/\d+\.\d+\.\d+ /);
    for (const id of Object.keys(TOOL_SUMMARIES)) expect(text).toContain(`  ${id.split(' ')[0]} `);
    expect(text).toContain(
      'TOPICS\n  server  Start and stop the embedded Kafka-compatible broker\n          (kafka-server-start.sh, kafka-server-stop.sh).\n',
    );
  }
  expect(outputs[1]!.stdout.equals(outputs[0]!.stdout)).toBe(true);
});

it('kt help <command> is the command\'s own --help', async () => {
  const r = await kt(['help', 'topics']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^This tool helps to create, delete, describe, or change a topic\.\n/);
});
