/** The mapping editor's view logic: document, edits, validation, change summary, preview, completion. Host-free. */
export * from './document';
export * from './edits';
export * from './validation';
export * from './rules';
export * from './changes';
export * from './preview';
export * from './completion';
export * from './editorState';
