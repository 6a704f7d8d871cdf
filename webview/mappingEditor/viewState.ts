/**
 * What the webview itself owns and keeps across hide/show through VS Code's getState/setState:
 * where the user was (job, object mapping, selection, scroll) and what they typed into the UI's own
 * fields. Never the document: the extension owns that and sends it again after `ready`.
 */
import type { SampleUser } from '../../src/shared/mappingEditor';
import { parseJobReference } from '../../src/shared/webviewProtocol';
import type { JobReference } from '../../src/shared/webviewProtocol';

export interface ViewState {
  /** The job (from init): VS Code hands this state back to the extension to restore the panel after a reload. */
  target?: JobReference;
  objectMappingId?: string;
  selectedMappingId?: string;
  filter: string;
  sample?: SampleUser;
  /** What the sample-user search holds: the picker lists the users whose display name starts with it. */
  sampleQuery: string;
  typedValues: string;
  previewCount: number;
  scrollY: number;
}

/** The part of acquireVsCodeApi() that keeps state. */
export interface WebviewStateStorage {
  getState(): unknown;
  setState(state: unknown): void;
}

/** Reads a stored state field by field: it was written by an older version, or tampered with, as far as we know. */
function loadViewState(raw: unknown): ViewState {
  const base: ViewState = { filter: '', sampleQuery: '', typedValues: '', previewCount: 10, scrollY: 0 };
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const sample = r.sample as SampleUser | undefined;
  return {
    target: parseJobReference(r.target),
    objectMappingId: text(r.objectMappingId),
    selectedMappingId: text(r.selectedMappingId),
    filter: text(r.filter) ?? '',
    sample: sample && typeof sample.id === 'string' && typeof sample.attributes === 'object' ? sample : undefined,
    sampleQuery: text(r.sampleQuery) ?? '',
    typedValues: text(r.typedValues) ?? '',
    previewCount: typeof r.previewCount === 'number' ? r.previewCount : 10,
    scrollY: typeof r.scrollY === 'number' ? r.scrollY : 0,
  };
}

/** The view state, read once when the page starts; change `state`, then `save()` so a hide/show keeps it. */
export class ViewStateStore {
  readonly state: ViewState;

  constructor(private readonly storage: WebviewStateStorage) {
    this.state = loadViewState(storage.getState());
  }

  save(): void {
    this.storage.setState(this.state);
  }
}
