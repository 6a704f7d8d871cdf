// The logs workbench's host-free parts: the webview protocol and the events it carries.
export * from './protocol';
export { toLogEventDetails } from './events';
