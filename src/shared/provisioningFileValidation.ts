/**
 * The mapping editor's rules (src/shared/mappingEditor/validation.ts and rules.ts: expressions,
 * matching attribute present, precedence unique, scoping operators valid for the attribute's type,
 * flow types, required target attributes mapped, ...) applied to a provisioning file, each issue
 * located by its JSON path in the file so the Problems panel can point at it. Host-free; the
 * extension turns paths into positions and codes into sentences.
 */
import { attributeCatalog, type AttributeCatalog, type AttributeInfo, type AttributeMappingDraft, type ObjectMappingDraft } from './mappingEditor/document';
import { objectActionIssues, validationContextFor, type FilterOperatorFacts } from './mappingEditor/rules';
import { validateObjectMapping, type Issue } from './mappingEditor/validation';
import { mappingFieldsOf, type JobFileObjectMapping } from './provisioningFile';
import type { RawSchema } from './synchronizationSchema';

/** A JSON path: property names and array indexes from the file's root. */
export type JsonPath = ReadonlyArray<string | number>;

export interface LocatedIssue {
  readonly issue: Issue;
  /** Where the issue is: the expression string itself for expression issues (`offset` is within its decoded text). */
  readonly path: JsonPath;
}

/** What the rules check a file against: the job's schema on the tenant (its attribute definitions) and the service's scoping operators. */
export interface JobFileFacts {
  /** The job's schema as the tenant has it; without it the rules that need attribute definitions are skipped. */
  readonly schema?: RawSchema;
  readonly filterOperators?: ReadonlyArray<{ readonly name: string } & FilterOperatorFacts>;
}

const mappingFieldKeys: Readonly<Record<string, string>> = {
  expression: 'expression', sourceAttribute: 'source', targetAttribute: 'target', matchingPriority: 'matchingPriority', constantValue: 'constant', flowType: 'flowType', defaultValue: 'default',
};

function draftOf(om: JobFileObjectMapping, i: number): ObjectMappingDraft {
  const actions = Array.isArray(om.actions) ? om.actions : ['Add', 'Update', 'Delete'];
  return {
    id: `o${i}`,
    name: typeof om.name === 'string' ? om.name : `${om.sourceObject} → ${om.targetObject}`,
    sourceDirectory: om.sourceDirectory ?? '',
    targetDirectory: om.targetDirectory ?? '',
    sourceObjectName: om.sourceObject,
    targetObjectName: om.targetObject,
    enabled: om.enabled !== false,
    actions: { Add: actions.includes('Add'), Update: actions.includes('Update'), Delete: actions.includes('Delete') },
    scopeGroups: (Array.isArray(om.scope) ? om.scope : []).map((g) => ({
      name: String(g?.name ?? ''),
      clauses: (Array.isArray(g?.clauses) ? g.clauses : []).map((c: Partial<JobFileObjectMapping['scope'][number]['clauses'][number]> | null) => ({ sourceAttribute: String(c?.attribute ?? ''), operator: String(c?.operator ?? ''), values: Array.isArray(c?.values) ? c.values.map(String) : [] })),
    })),
    attributeMappings: om.attributeMappings.map((m, j): AttributeMappingDraft => ({ id: `o${i}m${j}`, ...mappingFieldsOf(m) })),
  };
}

/**
 * The attributes a file's object mapping will have once applied: the tenant's definitions, with the
 * target attributes the file adds (or redefines) on top.
 */
function fileCatalog(schema: RawSchema | undefined, om: JobFileObjectMapping, draft: ObjectMappingDraft): AttributeCatalog | undefined {
  if (!schema) return undefined;
  const tenant = attributeCatalog(schema, { ...draft, targetAttributes: undefined });
  const added = (Array.isArray(om.addedTargetAttributes) ? om.addedTargetAttributes : [])
    .filter((a) => !!a && typeof a.name === 'string')
    .map((a): AttributeInfo => ({ name: a.name, type: typeof a.type === 'string' ? a.type : 'String', multivalued: a.multivalued === true, required: a.required === true }));
  const byName = new Map(added.map((a) => [a.name.toLowerCase(), a]));
  const target = [...tenant.target.map((a) => byName.get(a.name.toLowerCase()) ?? a), ...added.filter((a) => !tenant.target.some((t) => t.name.toLowerCase() === a.name.toLowerCase()))];
  return { source: tenant.source, target };
}

function isCheckable(om: unknown): om is JobFileObjectMapping {
  const o = om as Partial<JobFileObjectMapping> | null;
  return !!o && typeof o === 'object' && typeof o.sourceObject === 'string' && typeof o.targetObject === 'string' && Array.isArray(o.attributeMappings)
    && o.attributeMappings.every((m) => !!m && typeof m === 'object' && typeof m.target === 'string');
}

/**
 * Every rule issue of a parsed file, located. Parts whose shape is wrong are left to the JSON
 * Schema (the editor's own validation says what is missing); only well-formed object mappings are checked.
 */
export function validateProvisioningFile(value: unknown, facts: JobFileFacts = {}): LocatedIssue[] {
  const oms = (value as { objectMappings?: unknown } | null)?.objectMappings;
  if (!Array.isArray(oms)) return [];
  const drafts = new Map<string, { om: JobFileObjectMapping; draft: ObjectMappingDraft }>();
  const context = validationContextFor((draft) => {
    const entry = drafts.get(draft.id);
    return entry ? fileCatalog(facts.schema, entry.om, entry.draft) : undefined;
  }, facts.filterOperators);
  const located: LocatedIssue[] = [];
  oms.forEach((om, i) => {
    if (!isCheckable(om)) return;
    const draft = draftOf(om, i);
    drafts.set(draft.id, { om, draft });
    const actions = Array.isArray(om.actions) ? om.actions.filter((a): a is JobFileObjectMapping['actions'][number] => typeof a === 'string') : [];
    for (const issue of [...validateObjectMapping(draft, context), ...objectActionIssues(draft, actions)]) {
      const base: JsonPath = ['objectMappings', i];
      const mapping = issue.mappingId ? /m(\d+)$/.exec(issue.mappingId) : null;
      if (mapping) {
        const key = mappingFieldKeys[issue.field];
        located.push({ issue, path: [...base, 'attributeMappings', Number(mapping[1]), ...(key ? [key] : [])] });
        continue;
      }
      const scope = /^scope\.(\d+)\.(\d+)(?:\.(attribute|operator|values))?$/.exec(issue.field);
      const action = /^actions(?:\.(\d+))?$/.exec(issue.field);
      if (scope) located.push({ issue, path: [...base, 'scope', Number(scope[1]), 'clauses', Number(scope[2]), ...(scope[3] ? [scope[3]] : [])] });
      else if (action) located.push({ issue, path: [...base, 'actions', ...(action[1] ? [Number(action[1])] : [])] });
      else located.push({ issue, path: [...base, 'attributeMappings'] });
    }
  });
  return located;
}

/**
 * The offset in a JSON string literal's source text (`raw`, quotes excluded) of the character at
 * `decoded` in its value: escapes (`\"`, `\\`, `\u00e9`) take more source characters than they stand for.
 */
export function rawStringOffset(raw: string, decoded: number): number {
  let r = 0;
  for (let d = 0; d < decoded && r < raw.length; d++) {
    if (raw[r] === '\\') r += raw[r + 1] === 'u' ? 6 : 2;
    else r += 1;
  }
  return r;
}

/** Where a value is in JSON text: its first character and its length (quotes included for strings). */
export interface JsonSpan {
  readonly offset: number;
  readonly length: number;
}

/**
 * The span of the value at `path` in JSON `text`, or undefined when the text is not JSON or has no
 * such value. A small recursive-descent scan: the file is JSON the export wrote or a person edited.
 */
export function locateJsonPath(text: string, path: JsonPath): JsonSpan | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (): never => {
    throw new Error('not JSON');
  };
  const stringEnd = (): void => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
  };
  // Scans one value; returns the span found at `path[depth...]` inside it, if any.
  const value = (depth: number): JsonSpan | undefined => {
    ws();
    const start = i;
    const want = depth < path.length ? path[depth] : undefined;
    let found: JsonSpan | undefined;
    if (text[i] === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const keyStart = i;
          stringEnd();
          const key = JSON.parse(text.slice(keyStart, i)) as string;
          ws();
          if (text[i] !== ':') fail();
          i++;
          const inner = value(key === want ? depth + 1 : path.length + 1);
          if (key === want) found = inner;
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === '}') { i++; break; }
          else fail();
        }
      }
    } else if (text[i] === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let index = 0; ; index++) {
          const inner = value(index === want ? depth + 1 : path.length + 1);
          if (index === want) found = inner;
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ']') { i++; break; }
          else fail();
        }
      }
    } else if (text[i] === '"') stringEnd();
    else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
      if (!m) fail();
      i += m![0].length;
    }
    if (depth === path.length) return { offset: start, length: i - start };
    return found;
  };
  try {
    return value(0);
  } catch {
    return undefined;
  }
}
