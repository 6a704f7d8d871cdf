// The mapping editor's heavy half (editor sessions, the document model and the expression engine),
// bundled on its own as dist/mappingEditorRuntime.js and required when the first editor opens.
export { MappingEditorSession } from './mappingEditorSession';
export { parseEditorDocument, parseJobReference } from '../shared/webviewProtocol';
