/**
 * A provisioning job's configuration as a workspace file (`*.provisioning.json`, issue #15): the
 * job's identity, its provisioning settings (never a credential) and its mappings, written in a
 * stable order with stable formatting so that a change to one expression is a one-line git diff.
 * Host-free: the commands build, compare and apply it; unit tests run it in plain Node.
 */
import {
  createDocument,
  toSchema,
  type AttributeMappingDraft,
  type EditorDocument,
  type MappingFields,
  type ObjectMappingDraft,
  type TargetAttributeDraft,
} from './mappingEditor/document';
import type { RawSchema } from './synchronizationSchema';

/** The format's own version: a reader refuses a file written by a newer format. */
export const PROVISIONING_FILE_FORMAT = 1;

/** Which job the file describes (ids decide; names are for the reader). */
export interface JobFileIdentity {
  readonly tenantId: string;
  /** The connection's label when exported (a reader's hint; ids decide). */
  readonly connection?: string;
  readonly servicePrincipalId: string;
  readonly appDisplayName?: string;
  readonly jobId: string;
  readonly templateId?: string;
}

/** The job's provisioning settings: the ones editProvisioningSettings edits, never a credential. */
export interface JobFileSettings {
  readonly notificationEmail: string;
  readonly emailOnFailure: boolean;
  /** 0: the accidental-deletion threshold is off. */
  readonly deleteThreshold: number;
  readonly scope: 'assigned' | 'all';
  readonly skipOutOfScopeDeletions: boolean;
}

/** One attribute mapping: exactly one of `source` (a direct attribute), `constant`, `expression`. */
export interface JobFileAttributeMapping {
  readonly target: string;
  readonly source?: string;
  readonly constant?: string;
  readonly expression?: string;
  /** Used when the source evaluates to null. */
  readonly default?: string;
  /** `Always` or `ObjectAddOnly`. */
  readonly flowType: string;
  /** Greater than 0: a matching attribute, lowest first. */
  readonly matchingPriority: number;
}

export interface JobFileScopeClause {
  readonly attribute: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** All clauses of a group must hold; an object is in scope when any group holds. */
export interface JobFileScopeGroup {
  readonly name: string;
  readonly clauses: readonly JobFileScopeClause[];
}

export interface JobFileTargetAttribute {
  readonly name: string;
  readonly type: string;
  readonly multivalued: boolean;
  readonly required: boolean;
}

export interface JobFileObjectMapping {
  readonly name: string;
  readonly sourceDirectory: string;
  readonly targetDirectory: string;
  readonly sourceObject: string;
  readonly targetObject: string;
  readonly enabled: boolean;
  /** Which of Add, Update, Delete the service performs in the app. */
  readonly actions: readonly ('Add' | 'Update' | 'Delete')[];
  readonly scope: readonly JobFileScopeGroup[];
  /** Sorted by target attribute: their order carries no meaning. */
  readonly attributeMappings: readonly JobFileAttributeMapping[];
  /** Target attributes the user added to the app's definition (not in the template's), sorted by name. */
  readonly addedTargetAttributes: readonly JobFileTargetAttribute[];
}

/** What is configured: what a plan compares and the fingerprint covers. */
export interface JobConfiguration {
  readonly settings: JobFileSettings;
  /** In the schema's order (it is the order in which the service processes them). */
  readonly objectMappings: readonly JobFileObjectMapping[];
}

/** The file. */
export interface ProvisioningFile extends JobConfiguration {
  readonly format: number;
  readonly identity: JobFileIdentity;
  /**
   * The tenant's state when the file was exported or last applied: a fingerprint of the normalised
   * configuration, compared with the tenant's now to tell drift (someone else changed the job).
   */
  readonly version: { readonly fingerprint: string; readonly schemaVersion?: string; readonly at: string };
}

/** One difference between two configurations; `before`/`after` undefined where a side has nothing. */
export interface ConfigurationChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

type Secrets = ReadonlyArray<{ readonly key: string; readonly value: string | null }>;

function notificationOf(secrets: Secrets): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(secrets.find((s) => s.key === 'SyncNotificationSettings')?.value ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The settings saved among an app's synchronization secrets (the service's defaults where a key is
 * missing). Only these keys are read: credentials (BaseAddress, SecretToken, ...) never reach the file.
 */
export function settingsFromSecrets(secrets: Secrets): JobFileSettings {
  const n = notificationOf(secrets);
  const flag = (key: string) => secrets.find((s) => s.key === key)?.value?.toLowerCase() === 'true';
  return {
    notificationEmail: typeof n.Recipients === 'string' ? n.Recipients : '',
    emailOnFailure: n.Enabled === true,
    deleteThreshold: n.DeleteThresholdEnabled === true && typeof n.DeleteThresholdValue === 'number' ? n.DeleteThresholdValue : 0,
    scope: flag('SyncAll') ? 'all' : 'assigned',
    skipOutOfScopeDeletions: flag('SkipOutOfScopeDeletions'),
  };
}

/** The settings that differ between two setting sets, by name (for a save of only those). */
export function changedSettings(before: JobFileSettings, after: JobFileSettings): Partial<JobFileSettings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof JobFileSettings)[]) if (before[key] !== after[key]) out[key] = after[key];
  return out as Partial<JobFileSettings>;
}

function mappingOf(fields: MappingFields): JobFileAttributeMapping {
  const how =
    fields.mappingType === 'Direct' ? { source: fields.sourceAttribute } : fields.mappingType === 'Constant' ? { constant: fields.constantValue } : { expression: fields.expression };
  return {
    target: fields.targetAttribute,
    ...how,
    ...(fields.defaultValue !== '' ? { default: fields.defaultValue } : {}),
    flowType: fields.flowType,
    matchingPriority: fields.matchingPriority,
  };
}

function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

function targetAttributeNames(schema: RawSchema | undefined, om: ObjectMappingDraft): Set<string> | undefined {
  if (!schema) return undefined;
  const dir = (schema.directories ?? []).find((d) => d.name === om.targetDirectory);
  const def = (dir?.objects ?? []).find((o) => o.name === om.targetObjectName);
  return def ? new Set((def.attributes ?? []).map((a) => String(a.name).toLowerCase())) : undefined;
}

/**
 * The configuration a schema and the app's secrets stand for. `templateSchema` (the app template's
 * default) tells which target attributes the user added; without it none are listed as added.
 */
export function configurationOf(schema: RawSchema, secrets: Secrets, templateSchema?: RawSchema): JobConfiguration {
  const doc = createDocument(schema);
  const templateDoc = templateSchema ? createDocument(templateSchema) : undefined;
  return {
    settings: settingsFromSecrets(secrets),
    objectMappings: doc.objectMappings.map((om) => {
      const templateOm = templateDoc?.objectMappings.find((t) => t.sourceObjectName === om.sourceObjectName && t.targetObjectName === om.targetObjectName);
      const known = templateOm ? targetAttributeNames(templateSchema, templateOm) : undefined;
      const added = known ? (om.targetAttributes ?? []).filter((a) => !known.has(a.name.toLowerCase())) : [];
      return {
        name: om.name,
        sourceDirectory: om.sourceDirectory,
        targetDirectory: om.targetDirectory,
        sourceObject: om.sourceObjectName,
        targetObject: om.targetObjectName,
        enabled: om.enabled,
        actions: (['Add', 'Update', 'Delete'] as const).filter((a) => om.actions[a]),
        scope: om.scopeGroups.map((g) => ({ name: g.name, clauses: g.clauses.map((c) => ({ attribute: c.sourceAttribute, operator: c.operator, values: [...c.values] })) })),
        attributeMappings: om.attributeMappings.map(mappingOf).sort(byKey((m) => m.target.toLowerCase())),
        addedTargetAttributes: added.map((a) => ({ name: a.name, type: a.type, multivalued: a.multivalued, required: a.required })).sort(byKey((a) => a.name.toLowerCase())),
      };
    }),
  };
}

/** The fields of a configuration in the file's order, and nothing else (what is hashed and compared). */
export function normaliseConfiguration(config: JobConfiguration): JobConfiguration {
  const s = config.settings;
  return {
    settings: { notificationEmail: s.notificationEmail, emailOnFailure: s.emailOnFailure, deleteThreshold: s.deleteThreshold, scope: s.scope, skipOutOfScopeDeletions: s.skipOutOfScopeDeletions },
    objectMappings: config.objectMappings.map((om) => ({
      name: om.name,
      sourceDirectory: om.sourceDirectory,
      targetDirectory: om.targetDirectory,
      sourceObject: om.sourceObject,
      targetObject: om.targetObject,
      enabled: om.enabled,
      actions: (['Add', 'Update', 'Delete'] as const).filter((a) => om.actions.includes(a)),
      scope: om.scope.map((g) => ({ name: g.name, clauses: g.clauses.map((c) => ({ attribute: c.attribute, operator: c.operator, values: [...c.values] })) })),
      attributeMappings: [...om.attributeMappings]
        .map((m) => ({
          target: m.target,
          ...(m.source !== undefined ? { source: m.source } : m.constant !== undefined ? { constant: m.constant } : { expression: m.expression ?? '' }),
          ...(m.default !== undefined && m.default !== '' ? { default: m.default } : {}),
          flowType: m.flowType ?? 'Always',
          matchingPriority: m.matchingPriority ?? 0,
        }))
        .sort(byKey((m) => m.target.toLowerCase())),
      addedTargetAttributes: [...(om.addedTargetAttributes ?? [])]
        .map((a) => ({ name: a.name, type: a.type ?? 'String', multivalued: a.multivalued === true, required: a.required === true }))
        .sort(byKey((a) => a.name.toLowerCase())),
    })),
  };
}

/**
 * A short, stable hash of the normalised configuration (not a security measure: it tells whether
 * the tenant changed). Two 32-bit FNV-1a lanes, so it needs no Node or browser crypto.
 */
export function fingerprintOf(config: JobConfiguration): string {
  const text = JSON.stringify(normaliseConfiguration(config));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 15;
  }
  return `${h1.toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** The file for a job as the tenant has it now. */
export function buildProvisioningFile(identity: JobFileIdentity, schema: RawSchema, secrets: Secrets, templateSchema: RawSchema | undefined, at: Date): ProvisioningFile {
  const config = normaliseConfiguration(configurationOf(schema, secrets, templateSchema));
  return withVersion(identity, config, fingerprintOf(config), schema.version, at);
}

/** A file with the given configuration and version stamp, its keys in the file's order. */
export function withVersion(identity: JobFileIdentity, config: JobConfiguration, fingerprint: string, schemaVersion: string | undefined, at: Date): ProvisioningFile {
  const id: JobFileIdentity = {
    tenantId: identity.tenantId,
    ...(identity.connection ? { connection: identity.connection } : {}),
    servicePrincipalId: identity.servicePrincipalId,
    ...(identity.appDisplayName ? { appDisplayName: identity.appDisplayName } : {}),
    jobId: identity.jobId,
    ...(identity.templateId ? { templateId: identity.templateId } : {}),
  };
  const normal = normaliseConfiguration(config);
  return {
    format: PROVISIONING_FILE_FORMAT,
    identity: id,
    version: { fingerprint, ...(schemaVersion ? { schemaVersion } : {}), at: at.toISOString() },
    settings: normal.settings,
    objectMappings: normal.objectMappings,
  };
}

/** The file's text: 2-space JSON with a final newline (keys already in the file's order). */
export function provisioningFileText(file: ProvisioningFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

/** Why a parsed JSON value is not a provisioning file, or undefined when it is one. */
export function provisioningFileProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'the file is not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.format !== 'number') return '"format" is missing';
  if (v.format > PROVISIONING_FILE_FORMAT) return `"format" ${v.format} is newer than this extension reads (${PROVISIONING_FILE_FORMAT})`;
  const id = v.identity as Record<string, unknown> | undefined;
  if (!id || typeof id !== 'object') return '"identity" is missing';
  for (const key of ['tenantId', 'servicePrincipalId', 'jobId']) if (typeof id[key] !== 'string' || !id[key]) return `"identity.${key}" must be a non-empty string`;
  const version = v.version as Record<string, unknown> | undefined;
  if (!version || typeof version.fingerprint !== 'string') return '"version.fingerprint" is missing';
  if (!v.settings || typeof v.settings !== 'object') return '"settings" is missing';
  if (!Array.isArray(v.objectMappings)) return '"objectMappings" must be a list';
  for (const [i, om] of (v.objectMappings as unknown[]).entries()) {
    const o = om as Record<string, unknown>;
    if (!o || typeof o !== 'object' || typeof o.sourceObject !== 'string' || typeof o.targetObject !== 'string') return `objectMappings[${i}] needs sourceObject and targetObject`;
    if (!Array.isArray(o.attributeMappings)) return `objectMappings[${i}].attributeMappings must be a list`;
    for (const [j, m] of (o.attributeMappings as unknown[]).entries()) {
      const a = m as Record<string, unknown>;
      if (!a || typeof a !== 'object' || typeof a.target !== 'string') return `objectMappings[${i}].attributeMappings[${j}].target must be a string`;
      const kinds = ['source', 'constant', 'expression'].filter((k) => a[k] !== undefined);
      if (kinds.length !== 1) return `objectMappings[${i}].attributeMappings[${j}] needs exactly one of source, constant, expression`;
      if (typeof a[kinds[0]] !== 'string') return `objectMappings[${i}].attributeMappings[${j}].${kinds[0]} must be a string`;
    }
  }
  return undefined;
}

/** Parses a file's text; throws an Error saying what is wrong. */
export function parseProvisioningFile(text: string): ProvisioningFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`);
  }
  const problem = provisioningFileProblem(value);
  if (problem) throw new Error(problem);
  const file = value as ProvisioningFile;
  return { ...file, objectMappings: file.objectMappings.map((om) => ({ ...om, scope: om.scope ?? [], actions: om.actions ?? ['Add', 'Update', 'Delete'], addedTargetAttributes: om.addedTargetAttributes ?? [] })) };
}

function objectKey(om: Pick<JobFileObjectMapping, 'sourceObject' | 'targetObject'>): string {
  return `${om.sourceObject} → ${om.targetObject}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What changes from `before` to `after`, one entry per changed field, with paths that name things
 * rather than positions: `objectMappings[User → User].attributeMappings[displayName].expression`.
 */
export function diffConfigurations(beforeConfig: JobConfiguration, afterConfig: JobConfiguration): ConfigurationChange[] {
  const before = normaliseConfiguration(beforeConfig);
  const after = normaliseConfiguration(afterConfig);
  const changes: ConfigurationChange[] = [];
  const push = (path: string, b: unknown, a: unknown) => {
    if (!same(b, a)) changes.push({ path, ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}) });
  };
  for (const key of Object.keys(after.settings) as (keyof JobFileSettings)[]) push(`settings.${key}`, before.settings[key], after.settings[key]);
  const beforeOms = new Map(before.objectMappings.map((om) => [objectKey(om), om]));
  const afterKeys = new Set(after.objectMappings.map(objectKey));
  for (const om of after.objectMappings) {
    const key = objectKey(om);
    const old = beforeOms.get(key);
    const at = `objectMappings[${key}]`;
    if (!old) {
      push(at, undefined, om);
      continue;
    }
    for (const field of ['name', 'sourceDirectory', 'targetDirectory', 'enabled', 'actions', 'scope'] as const) push(`${at}.${field}`, old[field], om[field]);
    diffKeyed(`${at}.attributeMappings`, old.attributeMappings, om.attributeMappings, (m) => m.target, changes);
    diffKeyed(`${at}.addedTargetAttributes`, old.addedTargetAttributes, om.addedTargetAttributes, (a) => a.name, changes);
  }
  for (const om of before.objectMappings) if (!afterKeys.has(objectKey(om))) push(`objectMappings[${objectKey(om)}]`, om, undefined);
  return changes;
}

function diffKeyed<T extends object>(at: string, before: readonly T[], after: readonly T[], key: (t: T) => string, changes: ConfigurationChange[]): void {
  const old = new Map(before.map((t) => [key(t).toLowerCase(), t]));
  const now = new Map(after.map((t) => [key(t).toLowerCase(), t]));
  for (const [k, t] of now) {
    const b = old.get(k);
    const path = `${at}[${key(t)}]`;
    if (!b) {
      changes.push({ path, after: t });
      continue;
    }
    const fields = new Set([...Object.keys(b), ...Object.keys(t)]);
    for (const field of fields) {
      const bv = (b as Record<string, unknown>)[field];
      const av = (t as Record<string, unknown>)[field];
      if (!same(bv, av)) changes.push({ path: `${path}.${field}`, ...(bv !== undefined ? { before: bv } : {}), ...(av !== undefined ? { after: av } : {}) });
    }
  }
  for (const [k, t] of old) if (!now.has(k)) changes.push({ path: `${at}[${key(t)}]`, before: t });
}

function fieldsOfFileMapping(m: JobFileAttributeMapping): MappingFields {
  return {
    mappingType: m.source !== undefined ? 'Direct' : m.constant !== undefined ? 'Constant' : 'Expression',
    sourceAttribute: m.source ?? '',
    constantValue: m.constant ?? '',
    expression: m.expression ?? '',
    defaultValue: m.default ?? '',
    targetAttribute: m.target,
    flowType: m.flowType ?? 'Always',
    matchingPriority: m.matchingPriority ?? 0,
  };
}

/**
 * The schema to PUT so that the tenant's mappings become the configuration's: `schema` (the tenant's
 * now) with each object mapping's fields, attribute mappings, scope and added target attributes
 * replaced. Unchanged parts stay the objects the tenant returned (see toSchema), so fields this file
 * does not carry round-trip. `templateSchema` tells which target attributes are the template's
 * (kept) and which were added (kept only when the file lists them).
 * @throws Error naming an object mapping the schema does not have; ExpressionError for an expression that does not parse.
 */
export function applyConfigurationToSchema(schema: RawSchema, config: JobConfiguration, templateSchema?: RawSchema): RawSchema {
  const doc = createDocument(schema);
  const wanted = new Map(config.objectMappings.map((om) => [objectKey(om), om]));
  const objectMappings = doc.objectMappings.map((draft): ObjectMappingDraft => {
    const om = wanted.get(objectKey({ sourceObject: draft.sourceObjectName, targetObject: draft.targetObjectName }));
    if (!om) return draft;
    wanted.delete(objectKey(om));
    const byTarget = new Map(draft.attributeMappings.map((m) => [m.targetAttribute.toLowerCase(), m]));
    const fileTargets = new Set(om.attributeMappings.map((m) => m.target.toLowerCase()));
    // The tenant's order for mappings it has, new ones after them: an unchanged schema stays byte-identical.
    const kept: AttributeMappingDraft[] = draft.attributeMappings
      .filter((m) => fileTargets.has(m.targetAttribute.toLowerCase()))
      .map((m) => ({ ...m, ...fieldsOfFileMapping(om.attributeMappings.find((f) => f.target.toLowerCase() === m.targetAttribute.toLowerCase())!) }));
    const added: AttributeMappingDraft[] = om.attributeMappings
      .filter((m) => !byTarget.has(m.target.toLowerCase()))
      .map((m, i) => ({ id: `${draft.id}n${i}`, ...fieldsOfFileMapping(m) }));
    return {
      ...draft,
      enabled: om.enabled,
      actions: { Add: om.actions.includes('Add'), Update: om.actions.includes('Update'), Delete: om.actions.includes('Delete') },
      scopeGroups: om.scope.map((g) => ({ name: g.name, clauses: g.clauses.map((c) => ({ sourceAttribute: c.attribute, operator: c.operator, values: [...c.values] })) })),
      attributeMappings: [...kept, ...added],
      targetAttributes: targetAttributesFor(draft, om, templateSchema),
    };
  });
  const missing = [...wanted.keys()];
  if (missing.length) throw new Error(`the job has no object mapping ${missing.join(', ')}`);
  return toSchema({ base: doc.base, objectMappings } satisfies EditorDocument);
}

function targetAttributesFor(draft: ObjectMappingDraft, om: JobFileObjectMapping, templateSchema: RawSchema | undefined): readonly TargetAttributeDraft[] | undefined {
  if (!draft.targetAttributes) return undefined;
  const templateDraft = templateSchema ? createDocument(templateSchema).objectMappings.find((t) => t.sourceObjectName === draft.sourceObjectName && t.targetObjectName === draft.targetObjectName) : undefined;
  const templateNames = templateDraft ? targetAttributeNames(templateSchema, templateDraft) : undefined;
  const fileNames = new Map(om.addedTargetAttributes.map((a) => [a.name.toLowerCase(), a]));
  // Without the template, nothing is known to be user-added: attributes are only added, never removed.
  const kept = draft.targetAttributes
    .filter((a) => !templateNames || templateNames.has(a.name.toLowerCase()) || fileNames.has(a.name.toLowerCase()))
    .map((a) => {
      const f = fileNames.get(a.name.toLowerCase());
      return f ? { ...a, type: f.type, multivalued: f.multivalued, required: f.required } : a;
    });
  const have = new Set(kept.map((a) => a.name.toLowerCase()));
  const added = om.addedTargetAttributes.filter((a) => !have.has(a.name.toLowerCase())).map((a) => ({ name: a.name, type: a.type, multivalued: a.multivalued, required: a.required }));
  return [...kept, ...added];
}

/** The mapping fields of a file mapping, for callers that evaluate it (the plan's SCIM preview). */
export function mappingFieldsOf(m: JobFileAttributeMapping): MappingFields {
  return fieldsOfFileMapping(m);
}
