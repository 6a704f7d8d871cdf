// The command handlers and the activity stream, bundled on their own as dist/featuresRuntime.js and
// required when the first command runs or the first activity is read. Activation registers command
// ids and builds the tree; it does not pay for the handlers (measured in bench/activation).
export { commandCatalog } from './commands/commandCatalog';
export { ActivityStreamer } from './activity/activityStreamer';
export { recentEvents } from './activity/recentEvents';
export { localizedActivityWords } from './activity/localizedWords';
