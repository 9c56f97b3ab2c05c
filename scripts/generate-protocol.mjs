#!/usr/bin/env node
// Generates src/protocol/generated/ from Kafka's message schemas (JSON with // comments).
//
//   node scripts/generate-protocol.mjs [outDir]
//
// Schemas are read from ../shared/kafka-protocol (relative to the repo root) unless
// KAFKA_PROTOCOL_DIR points elsewhere. That folder's README.md names the apache/kafka commit the
// schemas were copied from; every generated file says so in its first line. The output is
// committed, so it must be deterministic: files are processed in sorted order and nothing depends
// on time or environment.
//
// What is generated:
//   types.ts        decoded message shapes (interfaces) for every message and nested struct
//   descriptors.ts  compact field tables that src/protocol/codec.ts compiles into codecs
//   api-keys.ts     ApiKey enum, per-API version info, RequestMap/ResponseMap, DataMap,
//                   and the coordinator record type table (key version -> key/value schema)
//   error-codes.ts  ErrorCode enum and per-code info from errors.tsv
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.resolve(process.env.KAFKA_PROTOCOL_DIR ?? path.join(repoRoot, '../shared/kafka-protocol'));
const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'src/protocol/generated'));

/** Set by main() once the schema folder's provenance is known. */
let HEADER;
const MAX_VERSION = 32767;
const PRIMITIVES = new Set(['bool', 'int8', 'int16', 'int32', 'int64', 'uint16', 'uint32', 'float64', 'string', 'bytes', 'records', 'uuid']);
const INT_RANGES = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};
const NULLABLE_KINDS = new Set(['string', 'bytes', 'records', 'array', 'struct']);
const ENTITY_TYPES = { topicName: 'string', groupId: 'string', transactionalId: 'string', producerId: 'int64', brokerId: 'int32', unknown: null };

class SchemaError extends Error {}
function fail(where, message) {
  throw new SchemaError(`${where}: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Removes `//` line comments, leaving `//` inside JSON strings alone. */
function stripComments(text) {
  const out = [];
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      out.push(text.slice(start, i));
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
      start = i; // keep the newline so error positions stay on the right line
    }
  }
  out.push(text.slice(start));
  return out.join('');
}

function readSchemas(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      try {
        return { file: f, json: JSON.parse(stripComments(readFileSync(path.join(dir, f), 'utf8'))) };
      } catch (e) {
        fail(f, e.message);
      }
    });
}

// ---------------------------------------------------------------------------------------------
// Version ranges: [lo, hi] or null for "none"

function parseVersions(text, where) {
  const s = String(text).trim();
  if (s === 'none') return null;
  let m;
  if ((m = /^(\d+)\+$/.exec(s))) return [Number(m[1]), MAX_VERSION];
  if ((m = /^(\d+)-(\d+)$/.exec(s))) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (lo > hi) fail(where, `empty version range "${s}"`);
    return [lo, hi];
  }
  if ((m = /^(\d+)$/.exec(s))) return [Number(m[1]), Number(m[1])];
  fail(where, `bad version range "${s}"`);
}

function formatVersions(r) {
  if (r === null) return 'none';
  if (r[1] === MAX_VERSION) return `${r[0]}+`;
  return r[0] === r[1] ? `${r[0]}` : `${r[0]}-${r[1]}`;
}

const contains = (outer, inner) => inner === null || (outer !== null && outer[0] <= inner[0] && inner[1] <= outer[1]);
const intersect = (a, b) => {
  if (a === null || b === null) return null;
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : null;
};
const sameRange = (a, b) => (a === null ? b === null : b !== null && a[0] === b[0] && a[1] === b[1]);

// ---------------------------------------------------------------------------------------------
// Model: message = { name, type, apiKey, validVersions, flexibleVersions, listeners, struct }
// struct = { name, typeName, fields }, field = { name, jsName, kind, prim|struct, ... }

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

function parseMessage({ file, json }) {
  const where = file;
  for (const key of ['name', 'type', 'validVersions', 'fields']) if (json[key] === undefined) fail(where, `missing "${key}"`);
  const validVersions = parseVersions(json.validVersions, `${where} validVersions`);
  if (validVersions === null) fail(where, 'validVersions is none');
  if (json.flexibleVersions === undefined) fail(where, 'missing "flexibleVersions"');
  const flexibleVersions = parseVersions(json.flexibleVersions, `${where} flexibleVersions`);
  if (flexibleVersions !== null && flexibleVersions[1] !== MAX_VERSION) fail(where, 'flexibleVersions must be "none" or "N+"');
  const msg = {
    file,
    name: json.name,
    type: json.type,
    apiKey: json.apiKey,
    listeners: json.listeners ?? [],
    validVersions,
    flexibleVersions,
    latestVersionUnstable: json.latestVersionUnstable === true,
    deprecatedVersions: json.deprecatedVersions === undefined ? null : parseVersions(json.deprecatedVersions, `${where} deprecatedVersions`),
    structs: new Map(), // Kafka struct name -> struct, for this file (inline and common)
  };
  if (!['request', 'response', 'header', 'data'].includes(msg.type)) fail(where, `unsupported message type "${msg.type}"`);
  if ((msg.type === 'request' || msg.type === 'response') && !Number.isInteger(msg.apiKey)) fail(where, 'missing apiKey');

  // Common structs are registered first so that fields can refer to them in any order.
  const commons = json.commonStructs ?? [];
  for (const c of commons) {
    if (msg.structs.has(c.name)) fail(where, `common struct ${c.name} declared twice`);
    msg.structs.set(c.name, { name: c.name, typeName: structTypeName(msg.name, c.name), fields: null, common: true });
  }
  for (const c of commons) msg.structs.get(c.name).fields = parseFields(msg, c.fields ?? [], `${where} ${c.name}`);
  msg.struct = { name: msg.name, typeName: msg.name, fields: parseFields(msg, json.fields, where) };
  return msg;
}

/** Nested struct interfaces are prefixed with the message name unless they already start with it. */
function structTypeName(messageName, structName) {
  return structName.startsWith(messageName) ? structName : messageName + structName;
}

function parseFields(msg, specs, where) {
  const fields = specs.map((spec) => parseField(msg, spec, where));
  const names = new Set();
  for (const f of fields) {
    if (names.has(f.jsName)) fail(where, `duplicate field name ${f.name}`);
    names.add(f.jsName);
  }
  const tags = fields.filter((f) => f.tag !== undefined).map((f) => f.tag).sort((a, b) => a - b);
  tags.forEach((t, i) => {
    if (t !== i) fail(where, `tags must be unique and contiguous from 0, got [${tags.join(', ')}]`);
  });
  return fields;
}

function parseField(msg, spec, structWhere) {
  const where = `${structWhere}.${spec.name}`;
  if (typeof spec.name !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(spec.name)) fail(where, 'bad field name');
  if (typeof spec.type !== 'string') fail(where, 'missing type');
  const taggedVersions = spec.taggedVersions === undefined ? null : parseVersions(spec.taggedVersions, `${where} taggedVersions`);
  const versionsText = spec.versions ?? spec.taggedVersions;
  if (versionsText === undefined) fail(where, 'missing versions');
  const versions = parseVersions(versionsText, `${where} versions`);
  const nullableVersions = spec.nullableVersions === undefined ? null : parseVersions(spec.nullableVersions, `${where} nullableVersions`);
  const field = {
    name: spec.name,
    jsName: lowerFirst(spec.name),
    versions,
    nullableVersions,
    taggedVersions,
    tag: spec.tag === undefined ? undefined : /^\d+$/.test(String(spec.tag).trim()) ? Number(String(spec.tag).trim()) : NaN, // "0" and 0 both appear
    flexibleOverride: undefined,
    kind: undefined, // 'prim' | 'array' | 'struct'
    prim: undefined, // primitive type, or the element type of a primitive array
    struct: undefined, // struct, or the element struct of a struct array
    defaultValue: undefined, // normalised JS value, undefined = the type's implicit default
  };

  // Type
  let typeName = spec.type;
  const isArray = typeName.startsWith('[]');
  if (isArray) typeName = typeName.slice(2);
  if (typeName.startsWith('[]')) fail(where, 'arrays of arrays are not allowed');
  if (PRIMITIVES.has(typeName)) {
    if (spec.fields !== undefined) fail(where, 'a primitive type cannot have fields');
    field.kind = isArray ? 'array' : 'prim';
    field.prim = typeName;
  } else if (/^[A-Z][A-Za-z0-9]*$/.test(typeName)) {
    field.kind = isArray ? 'array' : 'struct';
    field.struct = resolveStruct(msg, typeName, spec, where);
  } else {
    fail(where, `unknown type "${spec.type}"`);
  }
  const nullKind = field.kind === 'prim' ? field.prim : field.kind;

  // Nullability
  if (nullableVersions !== null && !NULLABLE_KINDS.has(nullKind)) fail(where, `type ${spec.type} cannot be nullable`);

  // Tagged fields
  if ((spec.tag === undefined) !== (taggedVersions === null)) fail(where, 'tag and taggedVersions must be given together');
  if (taggedVersions !== null) {
    if (!Number.isInteger(field.tag)) fail(where, 'tag must be a non-negative integer');
    if (taggedVersions[1] !== MAX_VERSION) fail(where, 'taggedVersions must be "N+"');
    if (!contains(versions, taggedVersions)) fail(where, 'taggedVersions must lie inside versions');
    if (!contains(msg.flexibleVersions, taggedVersions)) fail(where, 'taggedVersions must lie inside the flexible versions');
    const nullableTagged = intersect(nullableVersions, taggedVersions);
    if (nullableTagged !== null && !sameRange(nullableTagged, taggedVersions)) {
      fail(where, 'either every tagged version is nullable or none is');
    }
    if (field.kind === 'prim' && field.prim === 'records') fail(where, 'a records field cannot be tagged');
    if (spec.mapKey) fail(where, 'a tagged field cannot be a map key');
  }

  // Field-level flexibleVersions override: string and bytes only, inside the message's range
  if (spec.flexibleVersions !== undefined) {
    if (field.kind !== 'prim' || (field.prim !== 'string' && field.prim !== 'bytes')) {
      fail(where, 'only string and bytes fields may override flexibleVersions');
    }
    const fv = parseVersions(spec.flexibleVersions, `${where} flexibleVersions`);
    if (fv !== null && !contains(msg.flexibleVersions, fv)) fail(where, 'field flexibleVersions must lie inside the message flexibleVersions');
    field.flexibleOverride = fv;
  }

  // Entity type must match the (element) type
  if (spec.entityType !== undefined) {
    if (!(spec.entityType in ENTITY_TYPES)) fail(where, `unknown entityType ${spec.entityType}`);
    const expected = ENTITY_TYPES[spec.entityType];
    if (expected !== null && field.prim !== expected) fail(where, `entityType ${spec.entityType} needs type ${expected}`);
  }

  field.defaultValue = normaliseDefault(field, spec.default, where);
  return field;
}

function resolveStruct(msg, typeName, spec, where) {
  const existing = msg.structs.get(typeName);
  if (spec.fields === undefined) {
    if (existing === undefined || !existing.common) fail(where, `struct ${typeName} has no fields and is not a common struct`);
    return existing;
  }
  if (existing !== undefined) {
    fail(where, existing.common ? `${typeName} is a common struct and may not be declared inline` : `struct ${typeName} declared twice`);
  }
  const struct = { name: typeName, typeName: structTypeName(msg.name, typeName), fields: null, common: false };
  msg.structs.set(typeName, struct);
  struct.fields = parseFields(msg, spec.fields, `${msg.file} ${typeName}`);
  return struct;
}

/** Turns a schema default (string, number, boolean or null) into the JS value the codec uses. */
function normaliseDefault(field, raw, where) {
  if (raw === undefined) return undefined;
  const text = raw === null ? 'null' : String(raw).trim();
  const nullableEverywhere = field.nullableVersions !== null && contains(field.nullableVersions, field.versions);
  if (text === 'null') {
    if (field.kind === 'prim' && !['string', 'bytes', 'records'].includes(field.prim)) fail(where, 'only nullable types can default to null');
    if (!nullableEverywhere) fail(where, 'a null default needs the field to be nullable in every version');
    return null;
  }
  if (field.kind !== 'prim') {
    if (text === '') return undefined;
    fail(where, `arrays and structs accept only an empty or null default, got "${text}"`);
  }
  const prim = field.prim;
  if (prim in INT_RANGES) {
    const n = parseInteger(text, where);
    const [lo, hi] = INT_RANGES[prim];
    if (typeof n !== 'number' || n < lo || n > hi) fail(where, `default ${text} out of range for ${prim}`);
    return n;
  }
  switch (prim) {
    case 'int64': {
      const n = /^-?0x/i.test(text) ? hexToBigInt(text) : BigInt(text);
      if (n < -(2n ** 63n) || n >= 2n ** 63n) fail(where, `default ${text} out of range for int64`);
      return n;
    }
    case 'float64': {
      const n = Number(text);
      if (text === '' || Number.isNaN(n)) fail(where, `bad float64 default ${text}`);
      return n;
    }
    case 'bool':
      if (text !== 'true' && text !== 'false') fail(where, `bad bool default ${text}`);
      return text === 'true';
    case 'string':
      return text === '' ? undefined : text;
    case 'uuid':
      if (text === '') return undefined;
      if (!/^[A-Za-z0-9_-]{22}$/.test(text)) fail(where, `bad uuid default ${text}`);
      return text;
    default: // bytes, records
      if (text === '') return undefined;
      fail(where, `${prim} accepts only an empty or null default`);
  }
}

function parseInteger(text, where) {
  if (/^-?0x[0-9a-f]+$/i.test(text)) return Number(hexToBigInt(text));
  if (/^-?\d+$/.test(text)) return Number(text);
  fail(where, `bad integer default ${text}`);
}

function hexToBigInt(text) {
  return text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
}

// ---------------------------------------------------------------------------------------------
// Emitting TypeScript

const PRIM_TS = {
  bool: 'boolean',
  int8: 'number',
  int16: 'number',
  int32: 'number',
  int64: 'bigint',
  uint16: 'number',
  uint32: 'number',
  float64: 'number',
  string: 'string',
  bytes: 'Buffer',
  records: 'Buffer',
  uuid: 'string',
};

function fieldTsType(field) {
  let t;
  if (field.kind === 'prim') t = PRIM_TS[field.prim];
  else if (field.kind === 'struct') t = field.struct.typeName;
  else t = `${field.struct ? field.struct.typeName : PRIM_TS[field.prim]}[]`;
  const nullable = field.nullableVersions !== null || field.defaultValue === null;
  return nullable ? `${t} | null` : t;
}

/** All structs of a message, outermost first, each once. */
function structsOf(msg) {
  const out = [];
  const seen = new Set();
  const visit = (s) => {
    if (seen.has(s)) return;
    seen.add(s);
    out.push(s);
    for (const f of s.fields) if (f.struct) visit(f.struct);
  };
  visit(msg.struct);
  return out;
}

function emitTypes(messages) {
  const lines = [HEADER];
  for (const msg of messages) {
    for (const s of structsOf(msg)) {
      lines.push(`export interface ${s.typeName} {`);
      for (const f of s.fields) lines.push(`  ${f.jsName}: ${fieldTsType(f)};`);
      lines.push('}');
    }
  }
  return lines.join('\n') + '\n';
}

/** A single-quoted TS string literal (the project's style). */
function q(s) {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function jsLiteral(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return q(v);
  return JSON.stringify(v);
}

/**
 * Descriptor of one field, keys kept short because the table is committed:
 *   n name, t type ('struct', '[]' for struct arrays, a primitive, or '[]prim'), v versions,
 *   nv nullableVersions, tv taggedVersions, tag, fv field flexibleVersions override,
 *   d explicit default, s nested struct fields.
 */
function emitField(f, indent, commonConst) {
  const parts = [`n: ${q(f.jsName)}`];
  let type;
  if (f.kind === 'prim') type = f.prim;
  else if (f.kind === 'struct') type = 'struct';
  else type = f.struct ? '[]' : `[]${f.prim}`;
  parts.push(`t: ${q(type)}`, `v: ${q(formatVersions(f.versions))}`);
  if (f.nullableVersions !== null) parts.push(`nv: ${q(formatVersions(f.nullableVersions))}`);
  if (f.taggedVersions !== null) parts.push(`tv: ${q(formatVersions(f.taggedVersions))}`, `tag: ${f.tag}`);
  if (f.flexibleOverride !== undefined) parts.push(`fv: ${q(formatVersions(f.flexibleOverride))}`);
  if (f.defaultValue !== undefined) parts.push(`d: ${jsLiteral(f.defaultValue)}`);
  if (!f.struct) return `${indent}{ ${parts.join(', ')} },`;
  const ref = commonConst.get(f.struct);
  if (ref !== undefined) return `${indent}{ ${parts.join(', ')}, s: ${ref} },`;
  return `${indent}{ ${parts.join(', ')}, s: [\n${emitFields(f.struct.fields, indent + '  ', commonConst)}\n${indent}] },`;
}

function emitFields(fields, indent, commonConst) {
  return fields.map((f) => emitField(f, indent, commonConst)).join('\n');
}

function emitDescriptors(messages) {
  const lines = [HEADER, "import type { MessageDescriptor, StructDescriptor } from '../codec-types.js';", ''];
  const entries = [];
  for (const msg of messages) {
    // Common structs become constants (emitted dependencies first) so they are not repeated.
    const commonConst = new Map();
    const emitted = new Set();
    const emitCommon = (s) => {
      if (emitted.has(s)) return;
      emitted.add(s);
      for (const f of s.fields) if (f.struct?.common) emitCommon(f.struct);
      const constName = `${msg.name}$${s.name}`;
      lines.push(`const ${constName}: StructDescriptor = [\n${emitFields(s.fields, '  ', commonConst)}\n];`);
      commonConst.set(s, constName);
    };
    for (const s of msg.structs.values()) if (s.common) emitCommon(s);
    const head = [`validVersions: ${q(formatVersions(msg.validVersions))}`, `flexibleVersions: ${q(formatVersions(msg.flexibleVersions))}`];
    entries.push(`  ${msg.name}: {\n    ${head.join(', ')},\n    fields: [\n${emitFields(msg.struct.fields, '      ', commonConst)}\n    ],\n  },`);
  }
  lines.push('', 'export const MESSAGE_DESCRIPTORS: Readonly<Record<string, MessageDescriptor>> = {', ...entries, '};');
  return lines.join('\n') + '\n';
}

function apiNameOf(msg) {
  return msg.name.replace(/(Request|Response)$/, '');
}

function emitApiKeys(requests, responses, dataMessages, coordinatorRecords) {
  const byKey = new Map(responses.map((r) => [r.apiKey, r]));
  const lines = [HEADER];
  const typeNames = [...requests, ...responses, ...dataMessages, ...coordinatorRecords].map((m) => m.name);
  lines.push(`import type {\n${typeNames.map((n) => `  ${n},`).join('\n')}\n} from './types.js';`, '');

  lines.push('export enum ApiKey {');
  for (const r of requests) lines.push(`  ${apiNameOf(r)} = ${r.apiKey},`);
  lines.push('}', '');

  lines.push('export interface ApiSchemaInfo {');
  lines.push('  apiKey: number;', '  name: string;', '  minVersion: number;', '  maxVersion: number;');
  lines.push('  /** maxVersion, or one lower when the schema marks its latest version unstable. */', '  maxStableVersion: number;');
  lines.push('  /** First flexible request version (compact encodings, tagged fields), or null. */', '  flexibleFrom: number | null;');
  lines.push('  /** First flexible response version; always equal to flexibleFrom in Kafka\'s schemas. */', '  responseFlexibleFrom: number | null;');
  lines.push('  listeners: string[];', '}', '');
  lines.push('export const API_SCHEMAS: readonly ApiSchemaInfo[] = [');
  for (const r of requests) {
    const resp = byKey.get(r.apiKey);
    const [min, max] = r.validVersions;
    const stable = r.latestVersionUnstable ? max - 1 : max;
    const flex = r.flexibleVersions === null ? 'null' : r.flexibleVersions[0];
    const respFlex = resp.flexibleVersions === null ? 'null' : resp.flexibleVersions[0];
    lines.push(
      `  { apiKey: ${r.apiKey}, name: '${apiNameOf(r)}', minVersion: ${min}, maxVersion: ${max}, maxStableVersion: ${stable}, ` +
        `flexibleFrom: ${flex}, responseFlexibleFrom: ${respFlex}, listeners: [${r.listeners.map((l) => `'${l}'`).join(', ')}] },`,
    );
  }
  lines.push('];', '');

  for (const [mapName, list] of [['RequestMap', requests], ['ResponseMap', responses]]) {
    lines.push(`export interface ${mapName} {`);
    for (const m of list) lines.push(`  [ApiKey.${apiNameOf(m)}]: ${m.name};`);
    lines.push('}', '');
  }

  lines.push('/** Free-standing structures (type "data"): consumer protocol, principal data, KRaft control records, coordinator records. */');
  lines.push('export interface DataMap {');
  for (const m of [...dataMessages, ...coordinatorRecords]) lines.push(`  ${m.name}: ${m.name};`);
  lines.push('}', '');

  // Coordinator record types: the key schema's version is the record type.
  const keys = coordinatorRecords.filter((m) => m.name.endsWith('Key'));
  const rows = [];
  for (const key of keys) {
    const valueName = key.name.replace(/Key$/, 'Value');
    const value = coordinatorRecords.find((m) => m.name === valueName);
    if (value === undefined) fail(key.file, `no value schema ${valueName}`);
    for (let t = key.validVersions[0]; t <= key.validVersions[1]; t++) rows.push({ type: t, key: key.name, value: valueName });
  }
  // __transaction_state has its own key space; its key versions overlap __consumer_offsets' ones.
  const offsetsRows = rows.filter((r) => !r.key.startsWith('TransactionLog')).sort((a, b) => a.type - b.type);
  offsetsRows.forEach((r, i) => {
    if (i > 0 && offsetsRows[i - 1].type === r.type) fail(r.key, `record type ${r.type} claimed by ${offsetsRows[i - 1].key} too`);
  });
  lines.push('/** __consumer_offsets record types: the key version selects the key and value schemas. */');
  lines.push('export const OFFSETS_RECORD_TYPES: Readonly<Record<number, { key: keyof DataMap; value: keyof DataMap }>> = {');
  for (const r of offsetsRows) lines.push(`  ${r.type}: { key: '${r.key}', value: '${r.value}' },`);
  lines.push('};', '');
  lines.push('export interface OffsetsRecordKeyMap {');
  for (const r of offsetsRows) lines.push(`  ${r.type}: ${r.key};`);
  lines.push('}', '');
  lines.push('export interface OffsetsRecordValueMap {');
  for (const r of offsetsRows) lines.push(`  ${r.type}: ${r.value};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * The apache/kafka commit and date the schemas come from, as the schema folder's README states
 * them ("commit `<40 hex digits>` (<yyyy-mm-dd>, ..."). Generated code must say which Kafka it
 * speaks, so a folder without that line is refused.
 */
function readProvenance(dir) {
  const readme = path.join(dir, 'README.md');
  let text;
  try {
    text = readFileSync(readme, 'utf8');
  } catch {
    fail('README.md', `missing in ${dir}: it must name the apache/kafka commit the schemas come from`);
  }
  const m = /commit\s+`([0-9a-f]{40})`\s+\((\d{4}-\d{2}-\d{2})/.exec(text);
  if (m === null) fail('README.md', 'names no apache/kafka commit ("commit `<sha>` (<yyyy-mm-dd>, ...")');
  return { commit: m[1], date: m[2] };
}

function headerFor({ commit, date }) {
  return `// Generated by scripts/generate-protocol.mjs from Kafka's message schemas at apache/kafka ${commit.slice(0, 12)} (${date}). Do not edit.\n`;
}

function emitErrorCodes(tsvText) {
  const rows = tsvText.trim().split('\n').slice(1).map((l) => l.split('\t'));
  const lines = [HEADER, 'export enum ErrorCode {'];
  for (const [code, name] of rows) {
    if (!/^-?\d+$/.test(code) || !/^[A-Z0-9_]+$/.test(name)) fail('errors.tsv', `bad row ${code} ${name}`);
    lines.push(`  ${name} = ${code},`);
  }
  lines.push('}', '', 'export interface ErrorInfo {', '  code: number;', '  name: string;', '  retriable: boolean;', '  message: string;', '}', '');
  lines.push('export const ERROR_INFO: readonly ErrorInfo[] = [');
  for (const [code, name, retriable, meaning] of rows) {
    lines.push(`  { code: ${code}, name: '${name}', retriable: ${retriable === 'yes'}, message: ${q(meaning)} },`);
  }
  lines.push('];');
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

function main() {
  HEADER = headerFor(readProvenance(schemaDir));
  const messages = readSchemas(path.join(schemaDir, 'messages')).map(parseMessage);
  const coordinatorRecords = readSchemas(path.join(schemaDir, 'coordinator-records')).map(parseMessage);
  const all = [...messages, ...coordinatorRecords];

  // Type names must be unique across every generated interface.
  const typeNames = new Map();
  for (const msg of all) {
    for (const s of structsOf(msg)) {
      const owner = typeNames.get(s.typeName);
      if (owner !== undefined && owner !== msg.file) fail(msg.file, `type name ${s.typeName} also generated for ${owner}`);
      typeNames.set(s.typeName, msg.file);
    }
  }

  const byApiKey = (a, b) => a.apiKey - b.apiKey;
  const requests = messages.filter((m) => m.type === 'request').sort(byApiKey);
  const responses = messages.filter((m) => m.type === 'response').sort(byApiKey);
  const headers = messages.filter((m) => m.type === 'header');
  const dataMessages = messages.filter((m) => m.type === 'data');
  for (const r of requests) {
    const resp = responses.find((x) => x.apiKey === r.apiKey);
    if (resp === undefined || resp.name !== `${apiNameOf(r)}Response`) fail(r.file, 'no matching response');
    if (!sameRange(resp.validVersions, r.validVersions)) fail(resp.file, 'request and response version ranges differ');
    if (requests.some((x) => x !== r && x.apiKey === r.apiKey)) fail(r.file, `apiKey ${r.apiKey} used twice`);
  }
  if (responses.length !== requests.length) fail('messages', 'a response has no request');

  mkdirSync(outDir, { recursive: true });
  const ordered = [...requests, ...responses, ...headers, ...dataMessages, ...coordinatorRecords];
  const files = {
    'types.ts': emitTypes(ordered),
    'descriptors.ts': emitDescriptors(ordered),
    'api-keys.ts': emitApiKeys(requests, responses, dataMessages, coordinatorRecords),
    'error-codes.ts': emitErrorCodes(readFileSync(path.join(schemaDir, 'errors.tsv'), 'utf8')),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(outDir, name), text);
  console.log(`generated ${Object.keys(files).length} files from ${all.length} schemas into ${path.relative(process.cwd(), outDir) || '.'}`);
}

try {
  main();
} catch (e) {
  if (e instanceof SchemaError) {
    console.error(`generate-protocol: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
