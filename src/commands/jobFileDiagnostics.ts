import * as vscode from 'vscode';
import { FILTER_OPERATORS } from '../sandbox/schema/operators';
import { issueArgs } from '../shared/mappingEditor/validation';
import { locateJsonPath, rawStringOffset, validateProvisioningFile } from '../shared/provisioningFileValidation';
import { fill, mappingEditorStrings } from '../webviews/mappingEditorStrings';

// The service's documented scoping filter operators (the sandbox serves the same list).
const operators = new Map<string, { arity: string }>(FILTER_OPERATORS.map((o) => [o.name, o]));

/**
 * The Problems panel's entries for a `*.provisioning.json` document: the mapping editor's rules and
 * the expression engine's errors and warnings, in the editor's sentences, each at its place in the
 * file (an expression's error at the character the engine names). A file that is not JSON gets none:
 * VS Code's JSON support reports that.
 */
export function provisioningFileDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  const text = document.getText();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const strings = mappingEditorStrings() as unknown as Readonly<Record<string, string>>;
  return validateProvisioningFile(value, { filterOperators: operators }).map(({ issue, path }) => {
    const span = locateJsonPath(text, path) ?? { offset: 0, length: 0 };
    let start = span.offset;
    let end = span.offset + span.length;
    if (issue.offset !== undefined && path[path.length - 1] === 'expression' && text[span.offset] === '"') {
      const raw = text.slice(span.offset + 1, span.offset + span.length - 1);
      start = span.offset + 1 + rawStringOffset(raw, issue.offset);
      end = Math.min(span.offset + span.length - 1, issue.end !== undefined && issue.end > issue.offset ? span.offset + 1 + rawStringOffset(raw, issue.end) : start + 1);
      if (end <= start) end = start + 1;
    }
    const message = fill(strings[`issue.${issue.code}`] ?? issue.code, issueArgs(issue, strings));
    const diagnostic = new vscode.Diagnostic(new vscode.Range(document.positionAt(start), document.positionAt(end)), message, issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    diagnostic.source = 'Entra Provisioning';
    diagnostic.code = issue.code;
    return diagnostic;
  });
}
