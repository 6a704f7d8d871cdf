/**
 * What the webview holds in memory only: its copy of the document and what came with it (strings,
 * operators, job label), whether a save runs, and the users fetched for previews. Lost when the page
 * is hidden; the extension sends it all again after `ready`.
 */
import type { AttributeMappingDraft, EditorState, ObjectMappingDraft, SampleUser } from '../../src/shared/mappingEditor';
import type { FilterOperatorInfo, MappingEditorStrings } from '../../src/shared/webviewProtocol';
import type { ViewState } from './viewState';

export class EditorModel {
  /** The document as edited here; undefined until `init`. */
  state: EditorState | undefined;
  strings: MappingEditorStrings | undefined;
  operators: readonly FilterOperatorInfo[] = [];
  jobLabel = '';
  busy = false;
  /** Candidates for the single-user preview. */
  sampleUsers: SampleUser[] = [];
  /** The users of "Preview for N users", once asked for. */
  bulkUsers: SampleUser[] | undefined;

  /** The object mapping shown: the one the view chose, else the first (the chosen one may be gone after a reload). */
  current(view: ViewState): ObjectMappingDraft | undefined {
    const state = this.state;
    if (!state) return undefined;
    return state.objectMapping(view.objectMappingId) ?? state.doc.objectMappings[0];
  }

  /** The attribute mapping the view selected in `om`, if it still exists. */
  selected(om: ObjectMappingDraft | undefined, view: ViewState): AttributeMappingDraft | undefined {
    return om && this.state ? this.state.mapping(om, view.selectedMappingId) : undefined;
  }
}
