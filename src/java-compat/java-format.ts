// Java's number-to-text rules that the perf tools' output depends on: `%.Nf` (Formatter rounds
// half-up on the shortest decimal representation of the double, so 1.005 -> "1.01" where
// toFixed gives "1.00") and Double.toString (shortest digits, always a fraction, scientific
// notation outside [1e-3, 1e7)).

/** The shortest round-trip decimal digits of a finite, non-zero |value| and its exponent (d.ddd × 10^exp). */
function shortestDigits(value: number): { digits: string; exponent: number } {
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  return { digits: mantissa.replace('.', ''), exponent: Number(exp) };
}

/** String.format("%.<digits>f", value) in Java's default (ROOT-like) locale. */
export function formatJavaFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const negative = value < 0 || Object.is(value, -0);
  if (value === 0) return `${negative ? '-' : ''}0${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
  const { digits: d, exponent } = shortestDigits(value);
  // Digits as an integer string scaled so that the last `digits` are the fraction, unrounded.
  const pointIndex = exponent + 1; // position of the decimal point within d
  let intPart: string;
  let fraction: string;
  if (pointIndex <= 0) {
    intPart = '0';
    fraction = '0'.repeat(-pointIndex) + d;
  } else if (pointIndex >= d.length) {
    intPart = d + '0'.repeat(pointIndex - d.length);
    fraction = '';
  } else {
    intPart = d.slice(0, pointIndex);
    fraction = d.slice(pointIndex);
  }
  const kept = (intPart + fraction.padEnd(digits, '0').slice(0, digits)).split('').map(Number);
  const roundUp = fraction.length > digits && fraction.charCodeAt(digits) >= 53; /* '5' */
  if (roundUp) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i]!++;
    else kept.unshift(1);
  }
  const all = kept.join('');
  const whole = all.slice(0, all.length - digits).replace(/^0+(?=\d)/, '');
  const text = digits > 0 ? `${whole}.${all.slice(all.length - digits)}` : whole;
  return negative ? `-${text}` : text;
}

/** Java's Double.toString(value). */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const { digits, exponent } = shortestDigits(abs);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${intPart}.${fraction === '' ? '0' : fraction}`;
  }
  const fraction = digits.slice(1);
  return `${sign}${digits[0]}.${fraction === '' ? '0' : fraction}E${exponent}`;
}
