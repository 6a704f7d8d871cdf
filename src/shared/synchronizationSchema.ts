/**
 * Graph's synchronizationSchema as this extension reads and writes it: the one type a schema has
 * from the Graph call to the mapping editor and back. Fields the extension does not know are
 * carried through untouched, so a PUT writes back everything a GET returned.
 */
import type { AttributeMappingSource } from '../expressions';

/** Any JSON object the service returned; fields the editor does not know are carried through untouched. */
export type RawObject = { [key: string]: unknown };

/** Graph's synchronizationSchema, as far as the editor reads it. */
export interface RawSchema extends RawObject {
  id?: string;
  /** Changes on every server-side change: the basis of conflict detection. */
  version?: string;
  synchronizationRules?: RawRule[];
  directories?: RawDirectory[];
}

export interface RawRule extends RawObject {
  id?: string;
  name?: string;
  sourceDirectoryName?: string;
  targetDirectoryName?: string;
  objectMappings?: RawObjectMapping[];
}

export interface RawObjectMapping extends RawObject {
  enabled?: boolean;
  flowTypes?: string;
  name?: string;
  sourceObjectName?: string;
  targetObjectName?: string;
  scope?: RawFilter | null;
  attributeMappings?: RawAttributeMapping[];
}

export interface RawFilter extends RawObject {
  groups?: RawFilterGroup[];
}

export interface RawFilterGroup extends RawObject {
  name?: string;
  clauses?: { operatorName?: string; sourceOperandName?: string; targetOperand?: { values?: string[] } | null }[];
}

export interface RawAttributeMapping extends RawObject {
  targetAttributeName?: string;
  source?: AttributeMappingSource | null;
  defaultValue?: string | null;
  flowType?: string;
  matchingPriority?: number;
}

export interface RawDirectory extends RawObject {
  id?: string;
  name?: string;
  objects?: RawObjectDefinition[];
}

export interface RawObjectDefinition extends RawObject {
  name?: string;
  attributes?: RawAttributeDefinition[];
}

export interface RawAttributeDefinition extends RawObject {
  name?: string;
  type?: string;
  multivalued?: boolean;
  required?: boolean;
}
