/**
 * Mapping editor benchmark on a schema with 100 attribute mappings.
 * - mappingEditor.open100.ms: from the init message to an interactive editor. Measured in the real
 *   webview bundle (dist/webview/main.js) in headless Chromium when one is installed: postMessage of
 *   the init payload → list, detail form, problems and preview rendered and laid out. Without a
 *   browser, the view logic alone (validate message, state, checks, dirty, preview) in Node.
 * - mappingEditor.previewKeystroke.ms: one keystroke in the expression field → edit applied, checks,
 *   error marker, dirty indicator, problems and preview updated (and laid out, in the browser).
 * The view-logic timings are printed too (`….logic.ms`). Medians; prints JSON lines {metric,value,unit}.
 * Run `node scripts/build.mjs` first for the browser part.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { createDocument, EditorState, previewMapping, sourceObjectFromGraphUser } from '../../src/shared/mappingEditor';
import type { EditorDocument } from '../../src/shared/mappingEditor';
import { parseExtensionMessage, parseWebviewMessage, untranslatedEditorStrings } from '../../src/shared/webviewProtocol';
import type { InitMessage } from '../../src/shared/webviewProtocol';
import { schemaWithMappings } from '../../test/unit/mappingEditor/fixtures';
// @ts-expect-error: plain ES module without types, shared with the UI tests
import { chromiumArgs, findBrowser } from '../../scripts/vscode/codeServer.mjs';

const MAPPINGS = 100;
const OPEN_RUNS = 30;
const BROWSER_OPEN_RUNS = 12;
const TYPED = 'Join(" ", ToUpper([givenName]), Replace([surname], , "[^A-Za-z]", , "", , ))';
const root = join(__dirname, '..', '..');

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const sample = {
  id: 'u1',
  label: 'Ana García',
  attributes: sourceObjectFromGraphUser({ id: 'u1', displayName: 'Ana García', givenName: 'Ana', surname: "García-O'Neil", userPrincipalName: 'ana@contoso.example', department: 'Sales', jobTitle: 'Engineer' }),
};

function initMessage(): InitMessage {
  return { type: 'init', document: createDocument(schemaWithMappings(MAPPINGS)), strings: untranslatedEditorStrings(), filterOperators: [{ name: 'EQUALS', arity: 'Binary' }, { name: 'IS TRUE', arity: 'Unary' }], jobLabel: 'Bench app', target: { connectionId: 'bench', servicePrincipalId: 'sp', jobId: 'job' } };
}

/** The webview's work on init, without the DOM: check the message, build the state, run every check. */
function openLogic(payload: unknown): number {
  const started = performance.now();
  const message = parseExtensionMessage(structuredClone(payload));
  if (message?.type !== 'init') throw new Error('init did not validate');
  const state = new EditorState(message.document, message.filterOperators);
  const om = state.doc.objectMappings[0];
  state.catalog(om.id);
  state.issues();
  void state.dirty;
  previewMapping(om.attributeMappings[1], sample.attributes);
  return performance.now() - started;
}

/** One keystroke's work without the DOM: the edit message, apply, checks, dirty, changes, preview. */
function keystrokesLogic(doc: EditorDocument): number[] {
  const state = new EditorState(doc);
  state.issues();
  const om = state.doc.objectMappings[0];
  const mappingId = om.attributeMappings[1].id;
  const times: number[] = [];
  for (let i = 1; i <= TYPED.length; i++) {
    const started = performance.now();
    const edit = { kind: 'updateMapping' as const, objectMappingId: om.id, mappingId, patch: { expression: TYPED.slice(0, i) } };
    if (!parseWebviewMessage({ type: 'edit', edit })) throw new Error('edit did not validate');
    state.apply(edit);
    const current = state.doc.objectMappings[0];
    const mapping = current.attributeMappings[1];
    state.issuesOfMapping(current, mapping);
    state.issues();
    if (state.dirty) state.changes();
    previewMapping(mapping, sample.attributes);
    times.push(performance.now() - started);
  }
  return times;
}

// Page-side code is plain JavaScript text: the Node build has no DOM types, and tsx's helpers do not
// exist in the page.

/** Posts init like VS Code would and resolves with the time until the editor is rendered and laid out. */
function openInPage(message: InitMessage, count: number): string {
  return `new Promise((resolve) => {
    const started = performance.now();
    window.postMessage(${JSON.stringify(message)}, '*');
    const check = () => {
      if (document.querySelectorAll('.mapping-row').length >= ${count} && document.querySelector('#preview-result [data-testid="preview-value"]')) {
        void document.body.offsetHeight;
        resolve(performance.now() - started);
      } else setTimeout(check, 0);
    };
    check();
  })`;
}

/** Types the text into the expression field one character at a time; each keystroke's time, layout included. */
function typeInPage(typed: string): string {
  return `(() => {
    const typed = ${JSON.stringify(typed)};
    const input = document.querySelector('[data-testid="expression-input"]');
    if (!input) throw new Error('no expression field');
    input.focus();
    const times = [];
    for (let i = 1; i <= typed.length; i++) {
      const started = performance.now();
      input.value = typed.slice(0, i);
      input.setSelectionRange(i, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      void document.body.offsetHeight;
      times.push(performance.now() - started);
    }
    if (!document.querySelector('[data-testid="preview-value"]')) throw new Error('the preview did not render');
    return times;
  })()`;
}

async function browserTimings(init: InitMessage): Promise<{ open: number; keystroke: number } | undefined> {
  const executablePath = findBrowser() as string | undefined;
  const bundle = join(root, 'dist', 'webview', 'main.js');
  if (!executablePath || !existsSync(bundle)) {
    console.error(`mappingEditor bench: ${executablePath ? 'dist/webview/main.js is missing (run node scripts/build.mjs)' : 'no Chromium found'}; browser timings skipped.`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const selected = init.document.objectMappings[0].attributeMappings[1].id;
    const viewState = { objectMappingId: init.document.objectMappings[0].id, selectedMappingId: selected, filter: '', sample, typedValues: '', previewCount: 10, scrollY: 0 };
    // A stand-in for VS Code's webview host: the same page shell, a vscode API that records messages.
    const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="/mappingEditor.css"></head><body><main id="app"></main>
<script>window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>(${JSON.stringify(viewState)}),setState:()=>{}});</script>
<script type="module" src="/main.js"></script></body></html>`;
    await page.route('http://bench.local/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/main.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(bundle) });
      if (path === '/mappingEditor.css') return route.fulfill({ contentType: 'text/css', body: readFileSync(join(root, 'media', 'mappingEditor.css')) });
      return route.fulfill({ contentType: 'text/html', body: html });
    });
    const opens: number[] = [];
    for (let run = 0; run < BROWSER_OPEN_RUNS; run++) {
      await page.goto('http://bench.local/');
      await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
      opens.push((await page.evaluate(openInPage(init, MAPPINGS))) as number);
    }
    const keystrokes = (await page.evaluate(typeInPage(TYPED))) as number[];
    return { open: median(opens), keystroke: median(keystrokes) };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const init = initMessage();
  const payload = JSON.parse(JSON.stringify(init)) as unknown;
  for (let i = 0; i < 5; i++) openLogic(payload); // warm-up (JIT)
  const opens = Array.from({ length: OPEN_RUNS }, () => openLogic(payload));
  keystrokesLogic(createDocument(schemaWithMappings(MAPPINGS))); // warm-up
  const keys = keystrokesLogic(createDocument(schemaWithMappings(MAPPINGS)));
  const browser = await browserTimings(init);
  emit('mappingEditor.open100.ms', browser?.open ?? median(opens), 'ms');
  emit('mappingEditor.previewKeystroke.ms', browser?.keystroke ?? median(keys), 'ms');
  emit('mappingEditor.open100.logic.ms', median(opens), 'ms');
  emit('mappingEditor.previewKeystroke.logic.ms', median(keys), 'ms');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
