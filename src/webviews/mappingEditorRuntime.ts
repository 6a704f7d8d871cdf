// The mapping editor (its manager, the editor sessions, the document model and the expression
// engine), bundled on its own as dist/mappingEditorRuntime.js and required when the editor is first
// used: opened, saved, or a panel restored after a reload (see MappingEditorPanels).
export { MappingEditorManager } from './mappingEditorManager';
