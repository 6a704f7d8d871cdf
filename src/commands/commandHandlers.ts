// The command handlers, the wrapper that runs them and the activity stream they drive, bundled on
// their own as dist/commandHandlers.js and required when the first command runs
// (commandHandlersLoader.ts). Activation registers the command ids and the tree's shell; it does not
// pay for the handlers.
export { commandCatalog } from './commandCatalog';
export { CommandRunner } from './commandRunner';
export { commandTitles } from './commandTitles';
export { ActivityChannel } from '../activity/activityChannel';
export { ScimCheckLog } from '../host/scimCheckLog';
export { provisioningFileDiagnostics, ProvisioningFileProblems } from './jobFileDiagnostics';
export { provisioningFileDrift } from './jobFiles';
