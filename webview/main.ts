// Browser side of our webviews: registers the toolkit components once, then says "ready" so the
// extension knows it may send data (the HTML shell carries none).
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeTextField, vsCodeDataGrid, vsCodeDataGridRow, vsCodeDataGridCell } from '@vscode/webview-ui-toolkit';
import type { WebviewToExtensionMessage } from '../src/shared/webviewProtocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewToExtensionMessage): void };

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell());

acquireVsCodeApi().postMessage({ type: 'ready' });
