import { badRequest } from './graphError';

/** A request body must be a JSON object; arrays, strings and null are rejected. */
export function requireObject(body: unknown, what = 'request body'): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`The ${what} must be a JSON object.`);
  }
  return body as Record<string, unknown>;
}

/** Expected JSON type of a writable property. */
export type FieldType = 'string' | 'string?' | 'boolean' | 'string[]' | 'object?';

function matches(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'string?': return value === null || typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object?': return value === null || (typeof value === 'object' && !Array.isArray(value));
  }
}

/**
 * Checks every property of a body against a field table: unknown names and wrong JSON types are
 * 400s, like Graph's "Invalid property" / "Cannot convert" answers.
 */
export function checkFields(body: Record<string, unknown>, fields: Record<string, FieldType>, ignore: string[] = []): void {
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@odata.') || ignore.includes(key)) continue;
    const type = fields[key];
    if (!type) throw badRequest(`Property '${key}' does not exist as a declared property or extension property.`);
    if (!matches(value, type)) throw badRequest(`Cannot convert the literal '${JSON.stringify(value)}' to the expected type for property '${key}' (${type}).`);
  }
}

/** A required string property. */
export function requireString(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || !v.trim()) throw badRequest(`Property '${key}' is required and must be a non-empty string.`);
  return v;
}
