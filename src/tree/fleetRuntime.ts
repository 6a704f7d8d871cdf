// The fleet view proper (its provider, rows, refresh timer, status bar item and quarantine
// notification), bundled on its own as dist/fleetRuntime.js and required when the view is first
// shown or a command first reaches it (fleetRuntimeLoader.ts). Activation registers only FleetShell.
export { FleetView } from './fleetProvider';
