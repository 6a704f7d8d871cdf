// The provisioning tree proper (its provider, node classes, tenant model, status texts and the job
// status refresher), bundled on its own as dist/treeRuntime.js and required when the tree first has
// something to show or a command first reaches it (treeRuntimeLoader.ts). Activation registers only
// ProvisioningTreeShell.
export { ProvisioningTreeProvider } from './provisioningTreeProvider';
export { JobStatusRefresher } from './jobStatusRefresher';
