// The JSON Schema contributed for *.provisioning.json (package.json jsonValidation) against what the
// export writes: VS Code's JSON editor must not flag a file the extension itself wrote, and must flag
// the mistakes a person makes editing one. A small checker of the keywords the schema uses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProvisioningFile } from '../../../src/shared/provisioningFile';
import { scimSchema } from '../mappingEditor/fixtures';

type Schema = { type?: string; required?: string[]; properties?: Record<string, Schema>; additionalProperties?: boolean; items?: Schema; enum?: unknown[]; oneOf?: Schema[]; $ref?: string; pattern?: string; minimum?: number; definitions?: Record<string, Schema> };
const root = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'media', 'provisioningFile.schema.json'), 'utf8')) as Schema;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation?: Array<{ fileMatch: string; url: string }> } };

function check(value: unknown, s: Schema, at: string, problems: string[]): void {
  if (s.$ref) return check(value, schema.definitions![s.$ref.replace('#/definitions/', '')], at, problems);
  if (s.enum && !s.enum.includes(value)) problems.push(`${at}: not one of ${s.enum.join(', ')}`);
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (s.type && s.type !== type && !(s.type === 'number' && type === 'integer')) problems.push(`${at}: ${type}, not ${s.type}`);
  if (s.pattern && typeof value === 'string' && !new RegExp(s.pattern).test(value)) problems.push(`${at}: does not match ${s.pattern}`);
  if (s.minimum !== undefined && typeof value === 'number' && value < s.minimum) problems.push(`${at}: below ${s.minimum}`);
  if (s.oneOf && s.oneOf.filter((o) => { const p: string[] = []; check(value, o, at, p); return p.length === 0; }).length !== 1) problems.push(`${at}: not exactly one of the alternatives`);
  if (type === 'array' && s.items) (value as unknown[]).forEach((v, i) => check(v, s.items!, `${at}[${i}]`, problems));
  if (type === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in o)) problems.push(`${at}: ${key} missing`);
    for (const [key, v] of Object.entries(o)) {
      const sub = s.properties?.[key];
      if (sub) check(v, sub, `${at}.${key}`, problems);
      else if (s.additionalProperties === false) problems.push(`${at}: ${key} not allowed`);
    }
  }
}

function problemsOf(value: unknown): string[] {
  const problems: string[] = [];
  check(value, schema, '$', problems);
  return problems;
}

describe('provisioning file JSON Schema (jsonValidation)', () => {
  const exported = () => JSON.parse(JSON.stringify(buildProvisioningFile({ tenantId: 't', connection: 'c', servicePrincipalId: 's', appDisplayName: 'a', jobId: 'j', templateId: 'scim' }, scimSchema(), [], scimSchema(), new Date()))) as Record<string, unknown>;

  it('is contributed for *.provisioning.json', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '*.provisioning.json', url: './media/provisioningFile.schema.json' }]);
  });

  it('accepts what the export writes', () => {
    assert.deepEqual(problemsOf(exported()), []);
  });

  it('flags a mapping with two sources, an unknown scope and a misspelt key', () => {
    const file = exported() as { settings: Record<string, unknown>; objectMappings: Array<{ attributeMappings: Array<Record<string, unknown>> }> };
    file.objectMappings[0].attributeMappings[0].constant = 'x';
    file.settings.scope = 'everyone';
    file.objectMappings[0].attributeMappings[1].flowtype = 'Always';
    const problems = problemsOf(file);
    assert.ok(problems.some((p) => p.includes('attributeMappings[0]: not exactly one')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('$.settings.scope: not one of')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('flowtype not allowed')), problems.join('\n'));
  });
});
