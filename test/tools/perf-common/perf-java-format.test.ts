import { describe, expect, it } from 'vitest';
import { formatJavaFixed, javaDoubleToString } from '../../../src/java-compat/java-format.js';

describe('formatJavaFixed (Java %.Nf)', () => {
  it('rounds half-up on the shortest decimal representation', () => {
    expect(formatJavaFixed(1.005, 2)).toBe('1.01'); // toFixed gives 1.00
    expect(formatJavaFixed(0.125, 2)).toBe('0.13');
    expect(formatJavaFixed(2.5, 0)).toBe('3');
    expect(formatJavaFixed(9.995, 2)).toBe('10.00');
    expect(formatJavaFixed(0.00005, 4)).toBe('0.0001');
    expect(formatJavaFixed(-1.5, 0)).toBe('-2');
  });

  it('pads and keeps whole numbers', () => {
    expect(formatJavaFixed(49975, 1)).toBe('49975.0');
    expect(formatJavaFixed(0, 4)).toBe('0.0000');
    expect(formatJavaFixed(170, 2)).toBe('170.00');
    expect(formatJavaFixed(4.76837158203125, 2)).toBe('4.77');
    expect(formatJavaFixed(1e21, 1)).toBe('1000000000000000000000.0');
    expect(formatJavaFixed(1.23e-7, 4)).toBe('0.0000');
    expect(formatJavaFixed(925925.9259259259, 4)).toBe('925925.9259');
  });

  it('prints Java texts for non-finite values', () => {
    expect(formatJavaFixed(NaN, 4)).toBe('NaN');
    expect(formatJavaFixed(Infinity, 4)).toBe('Infinity');
    expect(formatJavaFixed(-Infinity, 1)).toBe('-Infinity');
  });
});

describe('javaDoubleToString (Double.toString)', () => {
  it('uses plain notation in [1e-3, 1e7) with at least one fraction digit', () => {
    expect(javaDoubleToString(3.614829)).toBe('3.614829');
    expect(javaDoubleToString(3)).toBe('3.0');
    expect(javaDoubleToString(12.345678)).toBe('12.345678');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(100)).toBe('100.0');
    expect(javaDoubleToString(1234567)).toBe('1234567.0');
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(-0)).toBe('-0.0');
  });

  it('uses scientific notation below 1e-3 and from 1e7', () => {
    expect(javaDoubleToString(9.87e-4)).toBe('9.87E-4');
    expect(javaDoubleToString(1e-4)).toBe('1.0E-4');
    expect(javaDoubleToString(1.2345e7)).toBe('1.2345E7');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(-2.5e-5)).toBe('-2.5E-5');
  });
});
