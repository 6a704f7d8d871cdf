// Browser entry of the logs workbench webview: registers the component library, starts the app and
// says "ready" so the host knows it may send data (the HTML shell carries none).
import { registerComponents } from '../components';
import { LogsWorkbenchApp } from './app';
import type { VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

registerComponents();
const root = document.getElementById('app');
if (root) new LogsWorkbenchApp(acquireVsCodeApi(), root).ready();
