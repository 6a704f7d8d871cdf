import * as vscode from 'vscode';
import { FILTER_OPERATORS } from '../sandbox/schema/operators';
import { issueArgs } from '../shared/mappingEditor/validation';
import { filterOperatorsOf, type FilterOperatorFacts } from '../shared/mappingEditor/rules';
import { locateJsonPath, rawStringOffset, validateProvisioningFile, type JobFileFacts } from '../shared/provisioningFileValidation';
import type { RawSchema } from '../shared/synchronizationSchema';
import { fill, mappingEditorStrings } from '../webviews/mappingEditorStrings';
import type { Services } from './services';

type Operators = ReadonlyArray<{ readonly name: string } & FilterOperatorFacts>;

// The service's documented scoping filter operators (the sandbox serves the same list), until the job's own are read.
const documentedOperators: Operators = FILTER_OPERATORS;

/**
 * The Problems panel's entries for a `*.provisioning.json` document: the mapping editor's rules and
 * the expression engine's errors and warnings, in the editor's sentences, each at its place in the
 * file (an expression's error at the character the engine names). A file that is not JSON gets none:
 * VS Code's JSON support reports that. `facts` carries the job's schema on the tenant when it has
 * been read: the rules about attribute types, multi-valued and required attributes need it.
 */
export function provisioningFileDiagnostics(document: vscode.TextDocument, facts: JobFileFacts = { filterOperators: documentedOperators }): vscode.Diagnostic[] {
  const text = document.getText();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const strings = mappingEditorStrings() as unknown as Readonly<Record<string, string>>;
  return validateProvisioningFile(value, facts).map(({ issue, path }) => {
    const span = locateJsonPath(text, path) ?? { offset: 0, length: 0 };
    let start = span.offset;
    let end = span.offset + span.length;
    if (issue.offset !== undefined && path[path.length - 1] === 'expression' && text[span.offset] === '"') {
      const raw = text.slice(span.offset + 1, span.offset + span.length - 1);
      start = span.offset + 1 + rawStringOffset(raw, issue.offset);
      end = Math.min(span.offset + span.length - 1, issue.end !== undefined && issue.end > issue.offset ? span.offset + 1 + rawStringOffset(raw, issue.end) : start + 1);
      if (end <= start) end = start + 1;
    } else if (text[span.offset] === '[' || text[span.offset] === '{') {
      // A list or an object (the mappings a required attribute is missing from) is marked at its opening bracket, not over every line.
      end = start + 1;
    }
    const message = fill(strings[`issue.${issue.code}`] ?? issue.code, issueArgs(issue, strings));
    const diagnostic = new vscode.Diagnostic(new vscode.Range(document.positionAt(start), document.positionAt(end)), message, issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    diagnostic.source = 'Entra Provisioning';
    diagnostic.code = issue.code;
    return diagnostic;
  });
}

/** The job a file names, when it names one. */
function jobOf(document: vscode.TextDocument): { tenantId: string; servicePrincipalId: string; jobId: string } | undefined {
  try {
    const id = (JSON.parse(document.getText()) as { identity?: Record<string, unknown> } | null)?.identity;
    if (id && typeof id.tenantId === 'string' && typeof id.servicePrincipalId === 'string' && typeof id.jobId === 'string') {
      return { tenantId: id.tenantId, servicePrincipalId: id.servicePrincipalId, jobId: id.jobId };
    }
  } catch {
    // Not JSON (yet): nothing to read.
  }
  return undefined;
}

interface JobFacts {
  schema?: RawSchema;
  operators?: Operators;
  /** A read is running or has ended; cleared to read again. */
  started: boolean;
}

/**
 * Keeps the Problems panel's entries of open provisioning files, with the facts of each file's job
 * read from its tenant in the background (schema and scoping operators), once per job until the file
 * is saved or reloaded from disk (an apply rewrites it) or the connections change. Without a
 * signed-in connection to the file's tenant the checks that need the schema are left out.
 */
export class ProvisioningFileProblems implements vscode.Disposable {
  private readonly jobs = new Map<string, JobFacts>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly services: Services,
    private readonly collection: vscode.DiagnosticCollection,
    private readonly isProvisioningFile: (document: vscode.TextDocument) => boolean,
  ) {
    this.subscription = services.connections.onDidChange(() => this.rereadAll());
  }

  /** Updates a document's entries from what is known now (and starts reading its job's facts). */
  check(document: vscode.TextDocument): void {
    if (!this.isProvisioningFile(document)) return;
    this.collection.set(document.uri, provisioningFileDiagnostics(document, this.factsFor(document)));
  }

  /** Reads the document's job again (after a save, or when the file changed on disk) and checks it. */
  reread(document: vscode.TextDocument): void {
    if (!this.isProvisioningFile(document)) return;
    const job = jobOf(document);
    if (job) this.jobs.delete(this.key(job));
    this.check(document);
  }

  dispose(): void {
    this.subscription.dispose();
    this.jobs.clear();
  }

  private rereadAll(): void {
    this.jobs.clear();
    vscode.workspace.textDocuments.forEach((d) => this.check(d));
  }

  private key(job: { tenantId: string; servicePrincipalId: string; jobId: string }): string {
    return `${job.tenantId}/${job.servicePrincipalId}/${job.jobId}`;
  }

  private factsFor(document: vscode.TextDocument): JobFileFacts {
    const job = jobOf(document);
    if (!job) return { filterOperators: documentedOperators };
    const key = this.key(job);
    let facts = this.jobs.get(key);
    if (!facts) {
      facts = { started: false };
      this.jobs.set(key, facts);
    }
    if (!facts.started) {
      facts.started = true;
      void this.read(job, facts);
    }
    return { schema: facts.schema, filterOperators: facts.operators?.length ? facts.operators : documentedOperators };
  }

  private async read(job: { tenantId: string; servicePrincipalId: string; jobId: string }, facts: JobFacts): Promise<void> {
    const current = this.services.connections.current;
    const connection = current?.tenantId === job.tenantId ? current : this.services.connections.list().find((c) => c.tenantId === job.tenantId);
    if (!connection) return;
    const log = this.services.logger.child('jobFile');
    try {
      const service = await this.services.graph.service(connection.id);
      const [schema, operators] = await Promise.all([
        service.schema.get(job.servicePrincipalId, job.jobId),
        service.schema.filterOperators(job.servicePrincipalId, job.jobId).catch(() => []),
      ]);
      facts.schema = schema;
      facts.operators = filterOperatorsOf(operators);
    } catch (e) {
      log.warn(`could not read the schema of ${job.servicePrincipalId}/${job.jobId} for the file's checks: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (this.jobs.get(this.key(job)) !== facts) return;
    for (const document of vscode.workspace.textDocuments) {
      const other = jobOf(document);
      if (other && this.key(other) === this.key(job)) this.check(document);
    }
  }
}
