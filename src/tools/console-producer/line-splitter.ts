// Splits a byte stream into lines as Java's BufferedReader.readLine does: a line ends at '\n',
// '\r' or "\r\n" (which may straddle two chunks), the terminator is dropped, and a last line
// without terminator still counts. Lines are slices of the input chunks where possible.

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private partial: Buffer[] = [];
  /** The previous chunk ended with '\r': a '\n' starting the next one belongs to it. */
  private skipLF = false;

  /** Feeds one chunk; `onLine` receives every line completed by it. */
  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    let pos = 0;
    if (this.skipLF && chunk.length > 0) {
      if (chunk[0] === LF) pos = 1;
      this.skipLF = false;
    }
    let nextLF = chunk.indexOf(LF, pos);
    let nextCR = chunk.indexOf(CR, pos);
    while (nextLF >= 0 || nextCR >= 0) {
      const end = nextLF < 0 ? nextCR : nextCR < 0 ? nextLF : Math.min(nextLF, nextCR);
      onLine(this.take(chunk.subarray(pos, end)));
      pos = end + 1;
      if (chunk[end] === CR) {
        if (pos === chunk.length) this.skipLF = true;
        else if (chunk[pos] === LF) pos++;
      }
      if (nextLF >= 0 && nextLF < pos) nextLF = chunk.indexOf(LF, pos);
      if (nextCR >= 0 && nextCR < pos) nextCR = chunk.indexOf(CR, pos);
    }
    if (pos < chunk.length) this.partial.push(chunk.subarray(pos));
  }

  /** Ends the stream: a pending unterminated line is delivered. */
  end(onLine: (line: Buffer) => void): void {
    if (this.partial.length > 0) onLine(this.take(Buffer.alloc(0)));
    this.skipLF = false;
  }

  private take(tail: Buffer): Buffer {
    if (this.partial.length === 0) return tail;
    this.partial.push(tail);
    const line = Buffer.concat(this.partial);
    this.partial = [];
    return line;
  }
}
