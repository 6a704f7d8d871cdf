/**
 * The mapping editor's browser side. The extension owns the data: every edit is applied here at once
 * (the preview runs the expression engine locally, per keystroke) and sent to the extension, which
 * applies the same edit. View state (selection, filter, sample user) survives hide/show via
 * getState/setState; the document comes back from the extension after `ready`.
 *
 * This class only wires the parts together: host messages in, edits out, and which sections are
 * drawn when. Each section's UI lives in `sections/`.
 */
import { fillTemplate } from '../../src/expressions';
import { EditError, EditorState, issueArgs } from '../../src/shared/mappingEditor';
import type { AttributeMappingDraft, EditOperation, Issue, ObjectMappingDraft } from '../../src/shared/mappingEditor';
import type { EditorRequest, MappingEditorStringKey, ResponseResult, WebviewToExtensionMessage } from '../../src/shared/webviewProtocol';
import { divider, h } from '../components';
import type { EditorContext } from './editorContext';
import { EditorModel } from './editorModel';
import type { ExpressionField } from './expressionField';
import { HostApi } from './hostApi';
import type { HostMessage } from './hostApi';
import { ViewStateStore } from './viewState';
import type { WebviewStateStorage } from './viewState';
import { bulkPreviewSection, refreshBulkPreview } from './sections/bulkPreview';
import { refreshChanges } from './sections/changes';
import { refreshHeader } from './sections/header';
import { mappingDetailSection, refreshMappingIssues } from './sections/mappingDetail';
import { mappingListSection, refreshMappingRows } from './sections/mappingList';
import { objectMappingSection } from './sections/objectMapping';
import { refreshProblems } from './sections/problems';
import { loadSampleUsers, refreshSamplePreview } from './sections/samplePreview';
import { refreshScopeIssues, scopeSection } from './sections/scope';
import { targetAttributesSection } from './sections/targetAttributes';

/** What acquireVsCodeApi() gives the page. */
export interface VsCodeApi extends WebviewStateStorage {
  postMessage(message: WebviewToExtensionMessage): void;
}

export class MappingEditorApp implements EditorContext {
  readonly model = new EditorModel();
  readonly view: ViewStateStore;
  private readonly host: HostApi;
  /** The selected mapping's expression input, while the detail form shows one. */
  private expression: ExpressionField | undefined;

  constructor(
    api: VsCodeApi,
    readonly root: HTMLElement,
  ) {
    this.view = new ViewStateStore(api);
    this.host = new HostApi({ postMessage: (message) => api.postMessage(message), source: window, onMessage: (message) => this.handle(message) });
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void this.request({ kind: 'save' });
      }
    });
    window.addEventListener('scroll', () => {
      this.view.state.scrollY = window.scrollY;
      this.view.save();
    });
  }

  /** Tells the extension the page is ready for data. */
  start(): void {
    this.host.send({ type: 'ready' });
  }

  t(key: MappingEditorStringKey, ...args: string[]): string {
    return fillTemplate(this.model.strings?.[key] ?? key, args);
  }

  issueText(issue: Issue): string {
    return this.t(`issue.${issue.code}` as MappingEditorStringKey, ...issueArgs(issue, this.model.strings));
  }

  private handle(message: HostMessage): void {
    const view = this.view.state;
    switch (message.type) {
      case 'init':
        this.model.strings = message.strings;
        this.model.operators = message.filterOperators;
        this.model.jobLabel = message.jobLabel;
        view.target = message.target;
        this.view.save();
        this.model.state = new EditorState(message.document, message.filterOperators);
        this.render();
        window.scrollTo(0, view.scrollY);
        void loadSampleUsers(this, view.sampleQuery);
        return;
      case 'document': {
        if (!this.model.state) return;
        // Ids of mappings added before a save are positional afterwards: follow the selection by target.
        const om = this.model.current(view);
        const target = om ? this.model.selected(om, view)?.targetAttribute : undefined;
        this.model.state.replace(message.document);
        const fresh = this.model.current(view);
        if (fresh && target && !this.model.selected(fresh, view)) {
          view.selectedMappingId = fresh.attributeMappings.find((m) => m.targetAttribute === target)?.id;
          this.view.save();
        }
        this.render();
        return;
      }
      case 'focus':
        view.objectMappingId = message.objectMappingId;
        view.selectedMappingId = undefined;
        this.view.save();
        if (this.model.state) this.render();
        return;
      case 'busy':
        this.model.busy = message.busy;
        this.root.toggleAttribute('data-busy', message.busy);
        // No edits while a save runs: it writes what was confirmed.
        for (const child of this.root.children) if (child.id !== 'header') (child as HTMLElement).inert = message.busy;
        refreshHeader(this);
        return;
    }
  }

  request(request: EditorRequest): Promise<ResponseResult> {
    return this.host.request(request).catch((e: Error) => {
      this.showNotice(this.t('requestFailed', e.message));
      throw e;
    });
  }

  private showNotice(text: string): void {
    const notice = this.root.querySelector('#notice');
    if (notice) notice.textContent = text;
  }

  edit(edit: EditOperation, rerender: boolean): void {
    if (!this.model.state) return;
    try {
      this.model.state.apply(edit);
    } catch (e) {
      // The extension applies edits with the same function and would refuse it too: nothing to send.
      if (e instanceof EditError) return;
      throw e;
    }
    this.host.send({ type: 'edit', edit });
    if (rerender) this.render();
    else this.refreshLive();
  }

  focusExpression(): void {
    this.expression?.focus();
  }

  render(): void {
    const state = this.model.state;
    const om = this.model.current(this.view.state);
    if (!state || !om) {
      this.root.replaceChildren(h('p', {}, this.t('loading')));
      return;
    }
    this.root.removeAttribute('aria-busy');
    this.expression = undefined;
    const m = this.model.selected(om, this.view.state);
    this.root.replaceChildren(
      h('header', { id: 'header', class: 'header' }),
      h('div', { id: 'notice', class: 'notice', role: 'status', 'aria-live': 'polite' }),
      objectMappingSection(this, om),
      h('div', { class: 'columns' }, mappingListSection(this, om), h('section', { id: 'detail', class: 'detail', 'aria-label': this.t('edit') }, m ? this.detailOf(om, m) : h('p', { class: 'muted' }, this.t('selectMapping')))),
      divider(),
      scopeSection(this, om),
      divider(),
      bulkPreviewSection(this, om),
      divider(),
      targetAttributesSection(this, om),
      divider(),
      h('section', { id: 'problems', 'aria-label': this.t('problems') }),
      h('section', { id: 'changes', 'aria-label': this.t('changes') }),
    );
    refreshHeader(this);
    this.refreshLive();
  }

  private detailOf(om: ObjectMappingDraft, m: AttributeMappingDraft): HTMLElement {
    const detail = mappingDetailSection(this, om, m);
    this.expression = detail.expression;
    return detail.element;
  }

  refreshLive(): void {
    const state = this.model.state;
    const om = this.model.current(this.view.state);
    if (!state || !om) return;
    refreshHeader(this);
    const m = this.model.selected(om, this.view.state);
    refreshMappingRows(this, state.issuesOfObject(om), m);
    refreshScopeIssues(this, state.issuesOfObject(om));
    if (m) {
      refreshMappingIssues(this, this.expression, state.issuesOfMapping(om, m));
      refreshSamplePreview(this, om, m);
    }
    refreshProblems(this);
    refreshChanges(this);
    if (this.model.bulkUsers) refreshBulkPreview(this, om);
  }
}
