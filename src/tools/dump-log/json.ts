// Kafka's generated <Message>JsonConverter.write and Jackson's JsonNode.toString, for the
// decoders of DumpLogSegments. Fields present in the version are written in schema order under
// their camelCase names; tagged fields only when they differ from their default; int64 as a
// number, bytes as base64, uuids as Kafka's base64 text. Jackson writes compact JSON and
// escapes only quotes, backslashes and control characters (\uXXXX with upper-case hex).
import { inVersions } from '../../protocol/codec.js';
import type { FieldDescriptor, StructDescriptor } from '../../protocol/codec-types.js';
import { MESSAGE_DESCRIPTORS } from '../../protocol/generated/descriptors.js';
import { ZERO_UUID } from '../../protocol/primitives.js';

/** A JSON number's text (Jackson's LongNode/IntNode/DoubleNode print Java's decimal form). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON tree like Jackson's: objects keep insertion order, Buffers are binary (base64) nodes. */
export type JsonValue = null | boolean | string | JsonNumber | Buffer | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

/** `<name>JsonConverter.write(message, version)`. */
export function messageToJson(name: string, version: number, message: Record<string, unknown>): JsonObject {
  const descriptor = MESSAGE_DESCRIPTORS[name];
  if (descriptor === undefined) throw new Error(`kt bug: no schema ${name}`);
  return structToJson(descriptor.fields, version, message);
}

function structToJson(fields: StructDescriptor, version: number, value: Record<string, unknown>): JsonObject {
  const node: JsonObject = new Map();
  for (const field of fields) {
    if (!inVersions(field.v, version)) continue;
    const v = value[field.n];
    if (inVersions(field.tv, version) && isDefault(field, v)) continue;
    node.set(field.n, fieldToJson(field, version, v));
  }
  return node;
}

function fieldToJson(field: FieldDescriptor, version: number, v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (field.t === 'struct') return structToJson(field.s!, version, v as Record<string, unknown>);
  if (field.t === '[]') return (v as Array<Record<string, unknown>>).map((e) => structToJson(field.s!, version, e));
  if (field.t.startsWith('[]')) return (v as unknown[]).map((e) => primitiveToJson(field.t.slice(2), e));
  return primitiveToJson(field.t, v);
}

function primitiveToJson(type: string, v: unknown): JsonValue {
  switch (type) {
    case 'bool':
      return v as boolean;
    case 'string':
    case 'uuid':
      return v as string;
    case 'bytes':
      return v as Buffer;
    case 'records':
      // Kafka writes records as an empty binary node when it serializes them.
      return Buffer.alloc(0);
    case 'float64':
      return new JsonNumber(javaDouble(v as number));
    default:
      return new JsonNumber(String(v));
  }
}

/** Whether a tagged field holds its default (generateNonDefaultValueCheck). */
function isDefault(field: FieldDescriptor, v: unknown): boolean {
  if (v === undefined) return true;
  const d = field.d;
  if (d === null) return v === null;
  if (v === null) return false;
  if (field.t === 'struct') return field.s!.every((f) => isDefault(f, (v as Record<string, unknown>)[f.n]));
  if (field.t.startsWith('[]') || field.t === 'bytes' || field.t === 'records') return (v as { length: number }).length === 0;
  switch (field.t) {
    case 'int64':
      return BigInt(v as bigint) === BigInt((d as bigint | undefined) ?? 0n);
    case 'string':
      return v === (d ?? '');
    case 'uuid':
      return v === (d ?? ZERO_UUID);
    case 'bool':
      return v === (d ?? false);
    default:
      return v === (d ?? 0);
  }
}

/** Java's Double.toString for the values a schema holds (integers print with `.0`). */
function javaDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(v);
  if (abs === 0 || (abs >= 1e-3 && abs < 1e7)) return Number.isInteger(v) ? `${v}.0` : String(v);
  const [mantissa, exponent] = v.toExponential().split('e');
  return `${mantissa!.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Jackson's JsonNode.toString. */
export function stringifyJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (value instanceof JsonNumber) return value.text;
  if (Buffer.isBuffer(value)) return `"${value.toString('base64')}"`;
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  let out = '{';
  for (const [key, v] of value) out += `${out.length > 1 ? ',' : ''}${quote(key)}:${stringifyJson(v)}`;
  return `${out}}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(text: string): string {
  const escaped = text.replace(/["\\\u0000-\u001f]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `"${escaped}"`;
}
