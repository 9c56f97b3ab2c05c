// The --match/--metrics value splitting (jopt's withValuesSeparatedBy(',')) and the help text.
import { describe, expect, it } from 'vitest';
import { CLIENT_METRICS_OPTIONS, commaSeparatedValues } from '../../../src/tools/client-metrics/options.js';

describe('client-metrics options', () => {
  it('splits values at commas, skipping empty pieces; an argument with none stays whole', () => {
    expect(commaSeparatedValues(['a,b'])).toEqual(['a', 'b']);
    expect(commaSeparatedValues(['a,,b,', 'c'])).toEqual(['a', 'b', 'c']);
    expect(commaSeparatedValues([''])).toEqual(['']);
    expect(commaSeparatedValues([','])).toEqual([',']);
    expect(commaSeparatedValues([',,', 'x'])).toEqual([',,', 'x']);
  });

  it("lists --match's selector names one per line after a tab, as Kafka's help does", () => {
    const match = CLIENT_METRICS_OPTIONS.find((o) => o.name === 'match')!;
    expect(match.description.split('\n')).toEqual([
      "Matching selector 'k1=v1,k2=v2'. The following is a list of valid selector names: ",
      '\tclient_id',
      '\tclient_instance_id',
      '\tclient_software_name',
      '\tclient_software_version',
      '\tclient_source_address',
      '\tclient_source_port',
    ]);
  });
});
