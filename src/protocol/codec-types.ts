// Shapes of the descriptor tables in generated/descriptors.ts, which codec.ts compiles into
// encoders and decoders. Keys are short because the tables are committed.

export interface FieldDescriptor {
  /** JS property name (the schema name with its first letter lower-cased). */
  readonly n: string;
  /** A primitive type, `[]prim` for primitive arrays, `[]` for struct arrays, or `struct`. */
  readonly t: string;
  /** Versions in which the field exists: `3+`, `0-2`, `5`. */
  readonly v: string;
  /** Versions in which the field may be null. */
  readonly nv?: string;
  /** Versions in which the field is a tagged field, with its tag. */
  readonly tv?: string;
  readonly tag?: number;
  /** Field-level flexibleVersions override (RequestHeader.ClientId: `none`). */
  readonly fv?: string;
  /** Explicit schema default; absent means the type's implicit default. */
  readonly d?: unknown;
  /** Fields of the struct, or of the array's element struct. */
  readonly s?: StructDescriptor;
}

export type StructDescriptor = readonly FieldDescriptor[];

export interface MessageDescriptor {
  readonly validVersions: string;
  readonly flexibleVersions: string;
  readonly fields: StructDescriptor;
}
