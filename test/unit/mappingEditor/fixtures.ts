import { defaultSchema } from '../../../src/sandbox/schema/syncTemplates';
import type { RawSchema } from '../../../src/shared/mappingEditor';

/** The sandbox's default SCIM job schema, as the service returns it (a fresh copy per call). */
export function scimSchema(): RawSchema {
  return { id: 'scim.test', version: 'Version:1', ...JSON.parse(JSON.stringify(defaultSchema('scim'))) } as RawSchema;
}

/** A schema whose user mapping has `count` generated attribute mappings (for size tests and the benchmark). */
export function schemaWithMappings(count: number): RawSchema {
  const schema = scimSchema();
  const om = schema.synchronizationRules![0].objectMappings![0];
  const kinds = [
    (i: number) => ({ expression: `[extensionAttribute${(i % 15) + 1}]`, name: `extensionAttribute${(i % 15) + 1}`, type: 'Attribute', parameters: [] }),
    (i: number) => ({ expression: `Join(" ", [givenName], [surname], "${i}")`, name: 'Join', type: 'Function', parameters: [] }),
    (i: number) => ({ expression: `"constant ${i}"`, name: `constant ${i}`, type: 'Constant', parameters: [] }),
  ];
  om.attributeMappings = Array.from({ length: count }, (_, i) => ({
    targetAttributeName: i === 0 ? 'userName' : `urn:test:attr${i}`,
    source: i === 0 ? { expression: '[userPrincipalName]', name: 'userPrincipalName', type: 'Attribute', parameters: [] } : kinds[i % 3](i),
    defaultValue: null,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: i === 0 ? 1 : 0,
    exportMissingReferences: false,
  }));
  return schema;
}

/** A sample user as preview sees it. */
export const ana = { givenName: 'Ana', surname: 'García', userPrincipalName: 'ana@contoso.example', department: 'Sales', IsSoftDeleted: false, country: 'US' };
