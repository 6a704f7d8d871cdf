// Every place where the shape contract departs from the Graph v1.0 metadata in this folder, each
// listed once with the documentation page it follows. The validator (validate.ts) reads this list
// and nothing else: an exception that is not here is a violation.
//
// Most entries are places where the docs and the metadata disagree; the docs win, because they
// describe what the service sends (microsoftgraph/msgraph-metadata is generated from the service's
// model, and the provisioning resources' docs show where that model and the wire differ). The last
// kind, `closedDynamicProperties`, is stricter than the metadata instead, and says why.

/** A property the docs show on a type and the metadata does not declare. */
export interface ExtraPropertyException {
  readonly kind: 'extraProperty';
  readonly type: string;
  readonly property: string;
  /** The property's type as the docs give it (`Edm.X`, a type name, or `Collection(...)`). */
  readonly propertyType: string;
  readonly doc: string;
  readonly note: string;
}

/** A non-nullable property of the metadata that the docs' responses leave out. */
export interface OptionalPropertyException {
  readonly kind: 'optionalProperty';
  readonly type: string;
  readonly property: string;
  readonly doc: string;
  readonly note: string;
}

/** A navigation property the docs return inline, as part of the object, without `$expand`. */
export interface InlineNavigationException {
  readonly kind: 'inlineNavigation';
  readonly type: string;
  readonly property: string;
  readonly doc: string;
  readonly note: string;
}

/** A flags enum the docs write with `", "` between members (OData's JSON format writes `","`). */
export interface SpacedFlagsException {
  readonly kind: 'spacedFlags';
  readonly enumType: string;
  readonly doc: string;
  readonly note: string;
}

/**
 * An open type whose dynamic (undeclared) properties are limited to names matching `pattern`:
 * the metadata allows any name, but the docs say what the openness is for.
 */
export interface ClosedDynamicPropertiesException {
  readonly kind: 'closedDynamicProperties';
  readonly type: string;
  readonly pattern: RegExp;
  readonly doc: string;
  readonly note: string;
}

export type MetadataException =
  | ExtraPropertyException
  | OptionalPropertyException
  | InlineNavigationException
  | SpacedFlagsException
  | ClosedDynamicPropertiesException;

const learn = (page: string) => `https://learn.microsoft.com/graph/api/${page}?view=graph-rest-1.0`;

export const METADATA_EXCEPTIONS: readonly MetadataException[] = [
  {
    kind: 'extraProperty', type: 'filterOperatorSchema', property: 'name', propertyType: 'Edm.String',
    doc: learn('resources/synchronization-filteroperatorschema'),
    note: 'The resource page names each operator with `name` ("EQUALS"); the metadata derives the type from `entity` and gives it only `id`.',
  },
  {
    kind: 'optionalProperty', type: 'filterOperatorSchema', property: 'id',
    doc: learn('resources/synchronization-filteroperatorschema'),
    note: 'The resource page lists `name`, `arity`, `multivaluedComparisonType` and `supportedAttributeTypes`, no `id`.',
  },
  {
    kind: 'extraProperty', type: 'attributeMappingFunctionSchema', property: 'name', propertyType: 'Edm.String',
    doc: learn('synchronization-synchronizationschema-functions'),
    note: 'The functions example names each function with `name` ("Append", "DefaultDomain", ...); the resource table and the metadata have `id`. Both are accepted.',
  },
  {
    kind: 'optionalProperty', type: 'applicationTemplate', property: 'isEntraIntegrated',
    doc: learn('resources/applicationtemplate'),
    note: "Non-nullable in the metadata; the v1.0 resource page's property table and JSON representation do not list it.",
  },
  {
    kind: 'extraProperty', type: 'directoryDefinition', property: 'metadata', propertyType: 'Collection(stringKeyStringValuePair)',
    doc: learn('resources/synchronization-directorydefinition'),
    note: 'The JSON representation lists `metadata` (the property table omits it); the metadata does not declare it.',
  },
  {
    kind: 'inlineNavigation', type: 'synchronizationSchema', property: 'directories',
    doc: learn('synchronization-synchronizationschema-get'),
    note: 'A relationship in the metadata, but the schema GET example returns the directories inline, and PUT sends them back.',
  },
  {
    kind: 'inlineNavigation', type: 'applicationServicePrincipal', property: 'application',
    doc: learn('applicationtemplate-instantiate'),
    note: 'instantiate answers the new application inline.',
  },
  {
    kind: 'inlineNavigation', type: 'applicationServicePrincipal', property: 'servicePrincipal',
    doc: learn('applicationtemplate-instantiate'),
    note: 'instantiate answers the new service principal inline.',
  },
  {
    kind: 'spacedFlags', enumType: 'objectFlowTypes',
    doc: learn('resources/synchronization-objectmapping'),
    note: 'objectMapping.flowTypes is written "Add, Update, Delete" in the docs and schema examples.',
  },
  {
    kind: 'spacedFlags', enumType: 'directoryDefinitionDiscoverabilities',
    doc: learn('resources/synchronization-directorydefinition'),
    note: 'directoryDefinition.discoverabilities is written "AttributeNames, AttributeDataTypes" in the docs.',
  },
  {
    kind: 'spacedFlags', enumType: 'synchronizationJobRestartScope',
    doc: learn('resources/synchronization-synchronizationjobrestartcriteria'),
    note: 'restart criteria.resetScope is written "Watermark, Escrows, QuarantineState, ..." in the docs.',
  },
  {
    kind: 'closedDynamicProperties', type: 'directoryObject', pattern: /^extension_[0-9a-f]{32}_\w+$/,
    doc: 'https://learn.microsoft.com/graph/extensibility-overview',
    note: 'Directory objects are open types so that they can carry directory extension properties (`extension_{appId without dashes}_{name}`); any other undeclared property is one Graph does not return.',
  },
];
