/**
 * What every section of the page is given: the data to draw and the few things a section may do.
 * Sections never talk to the host or redraw each other directly; they go through this, so the app
 * decides how an edit travels and what is redrawn after it.
 */
import type { EditOperation, Issue } from '../../src/shared/mappingEditor';
import type { EditorRequest, MappingEditorStringKey, ResponseResult } from '../../src/shared/webviewProtocol';
import type { EditorModel } from './editorModel';
import type { ViewStateStore } from './viewState';

export interface EditorContext {
  /** The page's root element: sections that refresh in place find their parts under it. */
  readonly root: HTMLElement;
  readonly model: EditorModel;
  readonly view: ViewStateStore;
  /** A UI sentence in the user's language, `{0}`… filled with `args`. */
  t(key: MappingEditorStringKey, ...args: string[]): string;
  /** A validation issue as a sentence in the user's language. */
  issueText(issue: Issue): string;
  /** Applies an edit here and sends it to the extension; `rerender` redraws the page, otherwise only what changes per keystroke. */
  edit(edit: EditOperation, rerender: boolean): void;
  /** Asks the extension; a failure is shown as a notice and still rejects. */
  request(request: EditorRequest): Promise<ResponseResult>;
  /** Redraws the whole page (focus and caret are lost: not per keystroke). */
  render(): void;
  /** Updates in place everything that changes per keystroke. */
  refreshLive(): void;
  /** Moves focus to the expression input of the selected mapping, when it has one. */
  focusExpression(): void;
}
