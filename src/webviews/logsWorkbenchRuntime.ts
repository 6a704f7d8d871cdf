// The logs workbench (its manager and sessions, the protocol, the log functions), bundled on its own
// as dist/logsWorkbenchRuntime.js and required when the workbench is first used: opened, or a panel
// restored after a reload (see LogsWorkbenchPanels).
export { LogsWorkbenchManager } from './logsWorkbenchManager';
