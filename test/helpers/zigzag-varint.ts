// Zigzag varint bytes as the record format writes them, encoded here by hand so that tests
// building records byte by byte do not depend on the varint code they check.
export function zigzagVarint(n: number): number[] {
  let zz = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (zz >= 0x80) {
    out.push((zz % 0x80) | 0x80);
    zz = Math.floor(zz / 0x80);
  }
  out.push(zz);
  return out;
}
