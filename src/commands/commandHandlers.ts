// The command handlers and the activity stream they drive, bundled on their own as
// dist/commandHandlers.js and required when the first command runs (commandHandlersLoader.ts).
// Activation registers the command ids and builds the tree; it does not pay for the handlers.
export { commandCatalog } from './commandCatalog';
export { ActivityChannel } from '../activity/activityChannel';
