// The deserializers Kafka's DefaultMessageFormatter can be given (key.deserializer,
// value.deserializer, headers.deserializer): org.apache.kafka.common.serialization.* classes.
// The formatter prints what the deserializer returns through Java's toString(), so each one here
// returns that text; wrong-size input throws Kafka's SerializationException with its message.
// Note that Kafka hands a null key/value to the deserializer as the null.literal bytes.

/** A Java exception as kt reports it: `name` is the Java class name. */
export class JavaException extends Error {
  constructor(javaClass: string, message: string) {
    super(message);
    this.name = javaClass;
  }
}

const SERIALIZATION = 'org.apache.kafka.common.errors.SerializationException';
export const SERIALIZATION_PACKAGE = 'org.apache.kafka.common.serialization.';

export type Deserializer = (data: Buffer) => string;

function sized(name: string, size: number, read: (data: Buffer) => string, message = `Size of data received by ${name} is not ${size}`): Deserializer {
  return (data) => {
    if (data.length !== size) throw new JavaException(SERIALIZATION, message);
    return read(data);
  };
}

let identityHash = 0x1b6d3586;
/** byte[].toString(): `[B@` and an identity hash, which differs from run to run in Java too. */
function byteArrayToString(): string {
  identityHash = (Math.imul(identityHash, 1103515245) + 12345) >>> 0;
  return `[B@${(identityHash >>> 1).toString(16)}`;
}

const DESERIALIZERS: Readonly<Record<string, Deserializer>> = {
  StringDeserializer: (data) => data.toString('utf8'),
  ByteArrayDeserializer: () => byteArrayToString(),
  ByteBufferDeserializer: (data) => `java.nio.HeapByteBuffer[pos=0 lim=${data.length} cap=${data.length}]`,
  LongDeserializer: sized('LongDeserializer', 8, (d) => d.readBigInt64BE(0).toString()),
  IntegerDeserializer: sized('IntegerDeserializer', 4, (d) => String(d.readInt32BE(0))),
  ShortDeserializer: sized('ShortDeserializer', 2, (d) => String(d.readInt16BE(0))),
  // Kafka's byte[] paths of these two name no type in their message.
  DoubleDeserializer: sized('DoubleDeserializer', 8, (d) => javaDoubleToString(d.readDoubleBE(0)), 'Size of data received by Deserializer is not 8'),
  FloatDeserializer: sized('FloatDeserializer', 4, (d) => javaFloatToString(d.readFloatBE(0)), 'Size of data received by Deserializer is not 4'),
  UUIDDeserializer: (data) => uuidFromString(data.toString('utf8')),
  VoidDeserializer: () => {
    throw new JavaException('java.lang.IllegalArgumentException', 'Data should be null for a VoidDeserializer.');
  },
};

/** The deserializer for a class name, or undefined when kt (like Class.forName) knows no such class. */
export function deserializerFor(className: string): Deserializer | undefined {
  if (!className.startsWith(SERIALIZATION_PACKAGE)) return undefined;
  return DESERIALIZERS[className.slice(SERIALIZATION_PACKAGE.length)];
}

/** Java's Double.toString (shortest digits, as JDK 19+ prints them). */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/** Java's Float.toString: the fewest digits that identify the float. */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return javaDoubleToString(candidate);
  }
  return javaDoubleToString(f);
}

/** UUID.fromString then toString: five dash-separated hex fields, printed canonical and lowercase. */
function uuidFromString(text: string): string {
  const fail = () => new JavaException(SERIALIZATION, 'Error parsing data into UUID');
  if (text.length > 36) throw fail();
  const fields = text.split('-');
  if (fields.length !== 5 || fields.some((f) => !/^[0-9a-fA-F]{1,16}$/.test(f))) throw fail();
  const widths = [8, 4, 4, 4, 12];
  return fields.map((f, i) => (BigInt(`0x${f}`) & ((1n << BigInt(widths[i]! * 4)) - 1n)).toString(16).padStart(widths[i]!, '0')).join('-');
}
