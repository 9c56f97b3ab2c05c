// argparse4j's wrapping and justification, on texts whose Java layout is known.
import { describe, expect, it } from 'vitest';
import { helpEntry, wrapText } from '../../src/java-compat/argparse4j-text.js';
import { javaLineSegments } from '../../src/java-compat/java-line-break.js';

describe('argparse4j text layout', () => {
  it('breaks after spaces, hyphens before letters, and full stops between letters', () => {
    expect(javaLineSegments('no --release-version `metadata.version=5`')).toEqual(['no ', '--', 'release-', 'version ', '`metadata.', 'version=5`']);
  });

  it('justifies every wrapped line but the last to 75 columns', () => {
    const text = 'kafka-cluster: error: one of the arguments --bootstrap-server/-b --bootstrap-controller/-C is required';
    expect(wrapText(text, 75, 0, '', '')).toBe('kafka-cluster:  error:  one  of   the  arguments  --bootstrap-server/-b  --\nbootstrap-controller/-C is required');
  });

  it('puts help at column 25, or on the next line after a long title', () => {
    expect(helpEntry('--id ID, -i ID', 'The ID of the broker to unregister.')).toBe('  --id ID, -i ID         The ID of the broker to unregister.\n');
    expect(helpEntry('--config CONFIG, -c CONFIG', 'A property file containing configurations for the Admin client.')).toBe(
      '  --config CONFIG, -c CONFIG\n                         A property file containing  configurations for the\n                         Admin client.\n',
    );
  });
});
