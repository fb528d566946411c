/**
 * A small JSON Schema (draft 2020-12) checker for the keywords the interview export's schema
 * uses, so that a test can validate a document against the published schema without a
 * dependency. An unknown keyword fails loudly rather than passing unchecked.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'format',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The errors of `value` against `schema`, each with its JSON path; empty when it validates. */
export function checkJsonSchema(schema: Schema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) throw new Error(`${path}: the checker does not know the keyword ${key}`);
  }
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  if (schema.type !== undefined) {
    const actual = typeOf(value);
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  }
  if ('const' in schema && value !== schema.const) fail(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    fail(`expected one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      fail(`does not match ${schema.pattern}`);
    }
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail('too short');
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail('too long');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('above maximum');
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) =>
      errors.push(...checkJsonSchema(schema.items as Schema, item, `${path}[${i}]`)),
    );
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in object)) fail(`missing ${name}`);
    }
    for (const [name, item] of Object.entries(object)) {
      const sub = properties[name];
      if (sub) errors.push(...checkJsonSchema(sub, item, `${path}.${name}`));
      else if (schema.additionalProperties === false) fail(`unknown property ${name}`);
    }
  }
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as Schema[]).map((s) => checkJsonSchema(s, value, path));
    if (!branches.some((b) => b.length === 0)) fail(`matches no branch (${branches.flat()[0]})`);
  }
  return errors;
}
