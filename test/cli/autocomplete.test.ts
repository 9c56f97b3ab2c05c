// Shell completion through @oclif/plugin-autocomplete: `kt autocomplete bash` builds the
// completion functions from the manifest and, into a pipe, prints the script to eval (at a
// terminal, the plugin's setup instructions); `kt autocomplete script bash` prints the same line
// for ~/.bashrc. Sourced in a real bash, TAB completes commands, topics and a tool's flags.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('kt autocomplete', () => {
  requireBuiltCli();
  const cache = mkdtempSync(join(tmpdir(), 'kt-autocomplete-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const env = { XDG_CACHE_HOME: cache };

  /** COMPREPLY after bash's completion function for the words, the last one being completed. */
  function complete(setup: string, words: string[]): string[] {
    const script = `
      ${setup}
      fn=$(complete -p kt | sed -E 's/.* -F ([^ ]+) .*/\\1/')
      COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
      COMP_LINE="${words.join(' ')}"; COMP_POINT=\${#COMP_LINE}
      "$fn"
      printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '-c', script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' }).split('\n').filter((l) => l !== '');
  }

  it('builds bash, zsh and powershell completion and prints a bash script that completes commands and flags', async () => {
    const scripts = new Map<string, string>();
    for (const shell of ['bash', 'zsh', 'powershell']) {
      const r = await kt(['autocomplete', shell], { env, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      // oclif's progress line may be styled (it detects color support on its own).
      expect(r.stderr.replace(/\u001b\[[0-9;]*m/g, '')).toContain('Building the autocomplete cache... done');
      const viaScript = await kt(['autocomplete', 'script', shell], { env });
      expect(viaScript.code).toBe(0);
      expect(r.stdout.toString()).toBe(viaScript.stdout.toString());
      scripts.set(shell, r.stdout.toString());
    }
    const setup = scripts.get('bash')!;
    expect(setup).toBe(`\nKT_AC_BASH_SETUP_PATH=${cache}/kt/autocomplete/bash_setup && test -f $KT_AC_BASH_SETUP_PATH && source $KT_AC_BASH_SETUP_PATH; # kt autocomplete setup\n\n`);
    expect(complete(setup, ['kt', 'to'])).toEqual(['topics']);
    expect(complete(setup, ['kt', 'topics', '--boot'])).toEqual(['--bootstrap-server']);
    expect(complete(setup, ['kt', 'server', 'st'])).toEqual(['start', 'stop']);
    expect(complete(setup, ['kt', 'console-consumer', '--from-'])).toEqual(['--from-beginning']);
  });
});
