/**
 * What a schema `PUT` must satisfy before the sandbox stores it, checked as strictly as the real
 * service checks it and no further: enum members of Graph's v1.0 metadata
 * (microsoftgraph/msgraph-metadata, `clean_v10_metadata/cleanMetadata.xml`), and the references the
 * synchronization docs require to resolve (rule directory names, object names, attribute names and
 * scoping operators; learn.microsoft.com/graph/api/resources/synchronization-synchronizationrule,
 * -objectmapping, -filterclause). Anything else the docs do not promise is the extension's lint, not
 * the service's. Every rejection names the JSON path of the offending field.
 */
import type { DirectoryDefinition, ObjectDefinition, SynchronizationSchema } from '../types';
import { GraphError } from '../http/graphError';
import { FILTER_OPERATORS } from './operators';

/** attributeMapping.flowBehavior (attributeFlowBehavior). */
export const ATTRIBUTE_FLOW_BEHAVIORS = ['FlowWhenChanged', 'FlowAlways'] as const;
/** attributeMapping.flowType (attributeFlowType). */
export const ATTRIBUTE_FLOW_TYPES = ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly'] as const;
/** attributeMappingSource.type (attributeMappingSourceType). */
export const MAPPING_SOURCE_TYPES = ['Attribute', 'Constant', 'Function'] as const;
/** objectMapping.flowTypes (objectFlowTypes, a flags enum written as one comma-separated string). */
export const OBJECT_FLOW_TYPES = ['None', 'Add', 'Update', 'Delete'] as const;
const DISCOVERABILITIES = ['None', 'AttributeNames', 'AttributeDataTypes', 'AttributeReadOnly', 'ReferenceAttributes', 'UnknownFutureValue'] as const;
const ATTRIBUTE_TYPES = ['String', 'Integer', 'Reference', 'Binary', 'Boolean', 'DateTime'] as const;
const MUTABILITIES = ['ReadWrite', 'ReadOnly', 'Immutable', 'WriteOnly'] as const;
const OBJECT_MAPPING_METADATA = ['EscrowBehavior', 'DisableMonitoringForChanges', 'OriginalJoiningProperty', 'Disposition', 'IsCustomerDefined', 'ExcludeFromReporting', 'Unsynchronized'] as const;
// The metadata has BaseObjectName; the resource page's enum lists LinkTypeName instead. Both are documented.
const OBJECT_DEFINITION_METADATA = ['PropertyNameAccountEnabled', 'PropertyNameSoftDeleted', 'IsSoftDeletionSupported', 'IsSynchronizeAllSupported', 'ConnectorDataStorageRequired', 'Extensions', 'BaseObjectName', 'LinkTypeName'] as const;
const ATTRIBUTE_DEFINITION_METADATA = ['BaseAttributeName', 'ComplexObjectDefinition', 'IsContainer', 'IsCustomerDefined', 'IsDomainQualified', 'LinkPropertyNames', 'LinkTypeName', 'MaximumLength', 'ReferencedProperty'] as const;

/**
 * Scoping operators a clause may name: those `filterOperators` returns (the docs: "must be one
 * returned by filterOperators"), plus `&` and `!&`, which the app-provisioning scoping page lists
 * too (learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts).
 */
export const SCOPING_OPERATORS: readonly string[] = [...FILTER_OPERATORS.map((o) => o.name), '&', '!&'];

/** The 400 every schema rejection is: Graph's `BadRequest` with a message that names the field. */
function invalid(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function object(v: unknown, path: string): Json {
  if (!isObject(v)) throw invalid(`'${path}' must be a JSON object.`);
  return v;
}

/** An optional array (absent or null is empty). */
function list(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`'${path}' must be an array.`);
  return v;
}

function text(v: unknown, path: string): string {
  if (typeof v !== 'string') throw invalid(`'${path}' must be a string.`);
  return v;
}

/**
 * A non-nullable enum property: absent takes the documented default (returned), anything else must
 * be a member, spelt exactly (Graph's enums are case-sensitive).
 */
function member(v: unknown, members: readonly string[], type: string, path: string, fallback?: string): string | undefined {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !members.includes(v)) {
    throw invalid(`Invalid value ${JSON.stringify(v)} for '${path}': ${type} takes ${members.join(', ')}.`);
  }
  return v;
}

/** A flags enum: one or more members joined by commas (`"Add, Update"`); an empty string is no value. */
function flags(v: unknown, members: readonly string[], type: string, path: string, fallback?: string): string | undefined {
  if (v === undefined) return fallback;
  const parts = typeof v === 'string' ? v.split(',').map((p) => p.trim()) : [];
  if (parts.length === 0 || parts.some((p) => !members.includes(p))) {
    throw invalid(`Invalid value ${JSON.stringify(v)} for '${path}': ${type} takes one or more of ${members.join(', ')}, separated by commas.`);
  }
  return v as string;
}

/** Checks the keys of a metadata list against its enum. */
function metadataKeys(v: unknown, members: readonly string[], type: string, path: string): void {
  list(v, path).forEach((entry, i) => member(object(entry, `${path}[${i}]`).key, members, type, `${path}[${i}].key`));
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function checkDirectories(directories: unknown[]): void {
  directories.forEach((d, i) => {
    const dir = object(d, `directories[${i}]`);
    text(dir.name, `directories[${i}].name`);
    flags(dir.discoverabilities, DISCOVERABILITIES, 'directoryDefinitionDiscoverabilities', `directories[${i}].discoverabilities`);
    list(dir.objects, `directories[${i}].objects`).forEach((o, j) => {
      const path = `directories[${i}].objects[${j}]`;
      const obj = object(o, path);
      text(obj.name, `${path}.name`);
      metadataKeys(obj.metadata, OBJECT_DEFINITION_METADATA, 'objectDefinitionMetadata', `${path}.metadata`);
      list(obj.attributes, `${path}.attributes`).forEach((a, k) => {
        const attrPath = `${path}.attributes[${k}]`;
        const attr = object(a, attrPath);
        text(attr.name, `${attrPath}.name`);
        member(attr.type, ATTRIBUTE_TYPES, 'attributeType', `${attrPath}.type`);
        member(attr.mutability, MUTABILITIES, 'mutability', `${attrPath}.mutability`);
        metadataKeys(attr.metadata, ATTRIBUTE_DEFINITION_METADATA, 'attributeDefinitionMetadata', `${attrPath}.metadata`);
      });
    });
  });
}

/** The attribute names an object defines, for reference checks. */
function attributeNames(obj: ObjectDefinition): string[] {
  return (obj.attributes ?? []).map((a) => a.name).filter((n): n is string => typeof n === 'string');
}

/** Checks an attributeMappingSource tree: its type at every level, and that every attribute it reads exists. */
function checkSource(v: unknown, path: string, sourceAttributes: string[], sourceObject: string): void {
  if (v === null || v === undefined) return;
  const source = object(v, path);
  const type = member(source.type, MAPPING_SOURCE_TYPES, 'attributeMappingSourceType', `${path}.type`, 'Attribute');
  if (source.type === undefined) source.type = type;
  if (type === 'Attribute') {
    const bracketed = typeof source.expression === 'string' ? /^\[([^\]]+)\]$/.exec(source.expression.trim())?.[1] : undefined;
    const name = typeof source.name === 'string' && source.name ? source.name : bracketed;
    if (name === undefined) throw invalid(`'${path}.name' must name the source attribute.`);
    if (!sourceAttributes.some((a) => same(a, name))) throw invalid(`'${path}.name' refers to '${name}', which is not an attribute of the source object '${sourceObject}'.`);
  }
  list(source.parameters, `${path}.parameters`).forEach((p, i) => {
    const pair = object(p, `${path}.parameters[${i}]`);
    checkSource(pair.value, `${path}.parameters[${i}].value`, sourceAttributes, sourceObject);
  });
}

function checkScope(v: unknown, path: string, sourceAttributes: string[], sourceObject: string): void {
  if (v === null || v === undefined) return;
  const scope = object(v, path);
  for (const groups of ['groups', 'inputFilterGroups', 'categoryFilterGroups']) {
    list(scope[groups], `${path}.${groups}`).forEach((g, i) => {
      const groupPath = `${path}.${groups}[${i}]`;
      list(object(g, groupPath).clauses, `${groupPath}.clauses`).forEach((c, j) => {
        const clausePath = `${groupPath}.clauses[${j}]`;
        const clause = object(c, clausePath);
        const op = clause.operatorName;
        if (typeof op !== 'string' || !SCOPING_OPERATORS.includes(op)) {
          throw invalid(`Invalid value ${JSON.stringify(op)} for '${clausePath}.operatorName': the scoping operators are ${SCOPING_OPERATORS.join(', ')}.`);
        }
        const attribute = text(clause.sourceOperandName, `${clausePath}.sourceOperandName`);
        if (!sourceAttributes.some((a) => same(a, attribute))) {
          throw invalid(`'${clausePath}.sourceOperandName' refers to '${attribute}', which is not an attribute of the source object '${sourceObject}'.`);
        }
      });
    });
  }
}

function findDirectory(directories: readonly DirectoryDefinition[], name: unknown, path: string): DirectoryDefinition {
  const dirName = text(name, path);
  const dir = directories.find((d) => typeof d.name === 'string' && same(d.name, dirName));
  if (!dir) throw invalid(`'${path}' refers to '${dirName}', which is not a directory of this schema (${directories.map((d) => d.name).join(', ') || 'none'}).`);
  return dir;
}

function findObject(dir: DirectoryDefinition, name: unknown, path: string): ObjectDefinition {
  const objectName = text(name, path);
  const obj = (dir.objects ?? []).find((o) => typeof o.name === 'string' && same(o.name, objectName));
  if (!obj) throw invalid(`'${path}' refers to '${objectName}', which is not an object of the directory '${dir.name}'.`);
  return obj;
}

/**
 * Checks a schema `PUT` body and returns the schema to store (a copy, with documented defaults
 * filled in for enum properties left out). `directories` absent from the body means the stored
 * ones (`current`) stay: they are a navigation property of the schema, which a PUT of the schema
 * does not replace unless it sends them.
 * @throws GraphError 400 `BadRequest` naming the first offending field.
 */
export function checkSchema(body: unknown, current: readonly DirectoryDefinition[]): SynchronizationSchema {
  if (!isObject(body)) throw invalid('The schema must be a JSON object.');
  const schema = structuredClone(body);
  // Annotations a client read with the schema (`@odata.context`) are the response's, not the schema's.
  for (const key of Object.keys(schema)) if (key.startsWith('@odata.')) delete schema[key];
  if (!Array.isArray(schema.synchronizationRules)) throw invalid("'synchronizationRules' must be an array.");
  if (schema.directories === undefined || schema.directories === null) schema.directories = structuredClone(current);
  checkDirectories(list(schema.directories, 'directories'));
  const directories = schema.directories as DirectoryDefinition[];

  schema.synchronizationRules.forEach((r: unknown, i: number) => {
    const rulePath = `synchronizationRules[${i}]`;
    const rule = object(r, rulePath);
    const sourceDir = findDirectory(directories, rule.sourceDirectoryName, `${rulePath}.sourceDirectoryName`);
    const targetDir = findDirectory(directories, rule.targetDirectoryName, `${rulePath}.targetDirectoryName`);
    if (!Array.isArray(rule.objectMappings)) throw invalid(`'${rulePath}.objectMappings' must be an array.`);
    rule.objectMappings.forEach((m: unknown, j: number) => {
      const omPath = `${rulePath}.objectMappings[${j}]`;
      const om = object(m, omPath);
      om.flowTypes = flags(om.flowTypes, OBJECT_FLOW_TYPES, 'objectFlowTypes', `${omPath}.flowTypes`, 'Add, Update, Delete');
      metadataKeys(om.metadata, OBJECT_MAPPING_METADATA, 'objectMappingMetadata', `${omPath}.metadata`);
      const sourceObject = findObject(sourceDir, om.sourceObjectName, `${omPath}.sourceObjectName`);
      const targetObject = findObject(targetDir, om.targetObjectName, `${omPath}.targetObjectName`);
      const sourceAttributes = attributeNames(sourceObject);
      const targetAttributes = attributeNames(targetObject);
      checkScope(om.scope, `${omPath}.scope`, sourceAttributes, sourceObject.name);
      if (!Array.isArray(om.attributeMappings)) throw invalid(`'${omPath}.attributeMappings' must be an array.`);
      om.attributeMappings.forEach((a: unknown, k: number) => {
        const amPath = `${omPath}.attributeMappings[${k}]`;
        const am = object(a, amPath);
        const target = text(am.targetAttributeName, `${amPath}.targetAttributeName`);
        if (!targetAttributes.some((t) => same(t, target))) {
          throw invalid(`'${amPath}.targetAttributeName' refers to '${target}', which is not an attribute of the target object '${targetObject.name}'.`);
        }
        am.flowBehavior = member(am.flowBehavior, ATTRIBUTE_FLOW_BEHAVIORS, 'attributeFlowBehavior', `${amPath}.flowBehavior`, 'FlowWhenChanged');
        am.flowType = member(am.flowType, ATTRIBUTE_FLOW_TYPES, 'attributeFlowType', `${amPath}.flowType`, 'Always');
        checkSource(am.source, `${amPath}.source`, sourceAttributes, sourceObject.name);
      });
    });
  });
  return schema as unknown as SynchronizationSchema;
}
