// Checks a JSON value against a schema of an OpenAPI 3.0 document: the subset the API's document uses (type,
// nullable, enum, properties, required, additionalProperties, items, anyOf/oneOf, $ref, pattern). Returns the
// problems found, each with its JSON path; none means the value is what the document says.

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
  security?: Record<string, string[]>[];
}

export interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  pattern?: string;
}

function resolve(doc: OpenApiDocument, s: Schema): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
  return resolve(doc, target);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function checkAgainst(doc: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  const s = resolve(doc, schema);
  // zod-to-openapi writes an extended schema as allOf [base, extension]: one object with the properties of both.
  if (s.allOf) {
    const parts = s.allOf.map((x) => resolve(doc, x));
    const merged: Schema = { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
    return checkAgainst(doc, merged, value, path);
  }
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    if (value === null && s.nullable) return [];
    return alternatives.some((x) => checkAgainst(doc, x, value, path).length === 0) ? [] : [`${path}: matches none of ${alternatives.length} alternatives`];
  }
  if (value === null) return s.nullable || s.type === undefined ? [] : [`${path}: null where the document says ${s.type}`];
  if (s.enum && !s.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`];
  const t = typeOf(value);
  if (s.type && !(s.type === t || (s.type === 'number' && t === 'integer'))) return [`${path}: ${t} where the document says ${s.type}`];
  if (s.pattern && typeof value === 'string' && !new RegExp(s.pattern).test(value)) return [`${path}: ${JSON.stringify(value)} does not match ${s.pattern}`];
  const problems: string[] = [];
  if (t === 'array' && s.items) (value as unknown[]).forEach((v, i) => problems.push(...checkAgainst(doc, s.items!, v, `${path}[${i}]`)));
  if (t === 'object' && (s.type === 'object' || s.properties)) {
    const o = value as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in o)) problems.push(`${path}.${k}: missing (required by the document)`);
    for (const [k, v] of Object.entries(o)) {
      const prop = s.properties?.[k];
      if (prop) problems.push(...checkAgainst(doc, prop, v, `${path}.${k}`));
      else if (s.additionalProperties === false || (s.properties && s.additionalProperties === undefined)) problems.push(`${path}.${k}: not in the document`);
      else if (typeof s.additionalProperties === 'object') problems.push(...checkAgainst(doc, s.additionalProperties, v, `${path}.${k}`));
    }
  }
  return problems;
}

/** Every object key in a JSON value (nested ones too) that is not snake_case. */
export function nonSnakeKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonSnakeKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(/^[a-z0-9_]+$/.test(k) ? [] : [`${path}.${k}`]), ...nonSnakeKeys(v, `${path}.${k}`)]);
}
