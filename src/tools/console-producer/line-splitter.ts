// Splits a byte stream into lines as Java's BufferedReader.readLine does: a line ends at '\n',
// '\r' or "\r\n" (which may straddle two chunks), the terminator is dropped, and a last line
// without terminator still counts. Lines are handed out as ranges of the input chunk (no slice
// object per line); only a line that spans chunks is copied into a buffer of its own.

const LF = 0x0a;
const CR = 0x0d;

/** Receives the line `source[start, end)`; valid only during the call. */
export type LineRange = (source: Buffer, start: number, end: number) => void;

export class LineSplitter {
  private partial: Buffer[] = [];
  /** The previous chunk ended with '\r': a '\n' starting the next one belongs to it. */
  private skipLF = false;

  /** Feeds one chunk; `onLine` receives every line completed by it. */
  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    this.pushRanges(chunk, (source, start, end) => onLine(source.subarray(start, end)));
  }

  /** Feeds one chunk; `onRange` receives every line completed by it, as a range. */
  pushRanges(chunk: Buffer, onRange: LineRange): void {
    let pos = 0;
    if (this.skipLF && chunk.length > 0) {
      if (chunk[0] === LF) pos = 1;
      this.skipLF = false;
    }
    let nextLF = chunk.indexOf(LF, pos);
    let nextCR = chunk.indexOf(CR, pos);
    while (nextLF >= 0 || nextCR >= 0) {
      const end = nextLF < 0 ? nextCR : nextCR < 0 ? nextLF : Math.min(nextLF, nextCR);
      if (this.partial.length === 0) onRange(chunk, pos, end);
      else {
        const line = this.take(chunk.subarray(pos, end));
        onRange(line, 0, line.length);
      }
      pos = end + 1;
      if (chunk[end] === CR) {
        if (pos === chunk.length) this.skipLF = true;
        else if (chunk[pos] === LF) pos++;
      }
      if (nextLF >= 0 && nextLF < pos) nextLF = chunk.indexOf(LF, pos);
      if (nextCR >= 0 && nextCR < pos) nextCR = chunk.indexOf(CR, pos);
    }
    // A copy: the caller may reuse the chunk's memory for its next read.
    if (pos < chunk.length) this.partial.push(Buffer.from(chunk.subarray(pos)));
  }

  /** Ends the stream: a pending unterminated line is delivered. */
  end(onLine: (line: Buffer) => void): void {
    this.endRanges((source, start, end) => onLine(source.subarray(start, end)));
  }

  endRanges(onRange: LineRange): void {
    if (this.partial.length > 0) {
      const line = this.take(Buffer.alloc(0));
      onRange(line, 0, line.length);
    }
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
