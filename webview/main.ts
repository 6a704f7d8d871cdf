// Browser entry of the mapping editor webview: registers the component library, starts the app and
// says "ready" so the extension knows it may send data (the HTML shell carries none).
import { registerComponents } from './components';
import { MappingEditorApp } from './mappingEditor/app';
import type { VsCodeApi } from './mappingEditor/app';

declare function acquireVsCodeApi(): VsCodeApi;

registerComponents();
const root = document.getElementById('app');
if (root) new MappingEditorApp(acquireVsCodeApi(), root).start();
