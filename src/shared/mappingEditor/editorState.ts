/**
 * The mapping editor's state as the webview holds it: the document, and the derived facts every
 * keystroke asks for (dirty, issues, pickers' attribute lists) computed incrementally. Edits copy only
 * the changed path, so unchanged mappings keep their identity and their cached checks.
 */
import { attributeCatalog, isDirty } from './document';
import type { AttributeCatalog, AttributeMappingDraft, EditorDocument, ObjectMappingDraft } from './document';
import { applyEdit } from './edits';
import type { EditOperation } from './edits';
import { describeChanges } from './changes';
import type { Change } from './changes';
import { objectMappingIssues, validateMapping } from './validation';
import type { Issue, ValidationContext } from './validation';
import { validationContextFor } from './rules';

export interface FilterOperator {
  readonly name: string;
  readonly arity: string;
  /** The attribute types it compares (filterOperatorSchema.supportedAttributeTypes), when the service said. */
  readonly supportedAttributeTypes?: readonly string[];
}

export class EditorState {
  private document: EditorDocument;
  private dirtyCache: boolean | undefined;
  private readonly mappingIssues = new WeakMap<AttributeMappingDraft, Issue[]>();
  private readonly objectIssues = new WeakMap<ObjectMappingDraft, Issue[]>();
  private readonly catalogs = new Map<string, AttributeCatalog>();
  private catalogBase: unknown;
  private readonly context: ValidationContext;

  constructor(doc: EditorDocument, readonly filterOperators: readonly FilterOperator[] = []) {
    this.document = doc;
    this.context = validationContextFor((om) => this.catalog(om.id), filterOperators);
  }

  get doc(): EditorDocument {
    return this.document;
  }

  /** Applies an edit (throws EditError when it does not fit). */
  apply(edit: EditOperation): void {
    this.document = applyEdit(this.document, edit);
    this.dirtyCache = undefined;
  }

  /** Replaces the whole document (init, save, reload). */
  replace(doc: EditorDocument): void {
    this.document = doc;
    this.dirtyCache = undefined;
  }

  get dirty(): boolean {
    if (this.dirtyCache === undefined) this.dirtyCache = isDirty(this.document);
    return this.dirtyCache;
  }

  objectMapping(id: string | undefined): ObjectMappingDraft | undefined {
    return this.document.objectMappings.find((om) => om.id === id);
  }

  mapping(om: ObjectMappingDraft, id: string | undefined): AttributeMappingDraft | undefined {
    return om.attributeMappings.find((m) => m.id === id);
  }

  /** Source and target attributes for one object mapping's pickers. */
  catalog(objectMappingId: string): AttributeCatalog {
    const om = this.objectMapping(objectMappingId);
    if (!om) return { source: [], target: [] };
    if (this.catalogBase !== this.document.base) {
      this.catalogs.clear();
      this.catalogBase = this.document.base;
    }
    // The target list is editable, so it is not cached.
    const cached = this.catalogs.get(objectMappingId);
    const fresh = attributeCatalog(this.document.base, om);
    if (!cached) this.catalogs.set(objectMappingId, fresh);
    return { source: (cached ?? fresh).source, target: fresh.target };
  }

  /** Issues of one attribute mapping (cached while the mapping is unchanged). */
  issuesOfMapping(om: ObjectMappingDraft, m: AttributeMappingDraft): Issue[] {
    let issues = this.mappingIssues.get(m);
    if (!issues) {
      issues = validateMapping(om, m, this.context);
      this.mappingIssues.set(m, issues);
    }
    return issues;
  }

  /** Issues of one object mapping, including those that span mappings (duplicates, no matching attribute). */
  issuesOfObject(om: ObjectMappingDraft): Issue[] {
    let issues = this.objectIssues.get(om);
    if (!issues) {
      // What validateObjectMapping reports, with the per-mapping part from the cache.
      issues = [...om.attributeMappings.flatMap((m) => this.issuesOfMapping(om, m)), ...objectMappingIssues(om, this.context)];
      this.objectIssues.set(om, issues);
    }
    return issues;
  }

  /** Every issue of the document. */
  issues(): Issue[] {
    return this.document.objectMappings.flatMap((om) => this.issuesOfObject(om));
  }

  changes(): Change[] {
    return describeChanges(this.document);
  }
}
