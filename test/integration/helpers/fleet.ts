import { SCIM_APP_TEMPLATE_ID } from '../../../src/sandbox/seed/templates';
import type { Sandbox } from '../../../src/sandbox/server';

/** A job made for a test: its app's name and ids. */
export interface MadeJob {
  readonly name: string;
  readonly servicePrincipalId: string;
  readonly jobId: string;
}

/** Calls the sandbox's Graph as a script would (its own token, not the extension's requests). */
async function graph<T>(sandbox: Sandbox, method: 'POST' | 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.graphUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.token ?? 'test'}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/**
 * Adds an app from the sandbox's SCIM gallery template and a provisioning job from its template,
 * through Graph as an admin's script would. The job has no credentials: started, its cycle cannot
 * reach the target and the service quarantines it.
 */
export async function addAppWithJob(sandbox: Sandbox, name: string): Promise<MadeJob> {
  const app = await graph<{ servicePrincipal: { id: string } }>(sandbox, 'POST', `/applicationTemplates/${SCIM_APP_TEMPLATE_ID}/instantiate`, { displayName: name });
  // A new app takes a moment to replicate in a real tenant (and in the sandbox); the fixture need not wait.
  sandbox.replication.catchUp();
  const job = await graph<{ id: string }>(sandbox, 'POST', `/servicePrincipals/${app.servicePrincipal.id}/synchronization/jobs`, { templateId: 'scim' });
  return { name, servicePrincipalId: app.servicePrincipal.id, jobId: job.id };
}

/** Starts a job through Graph and waits for the cycle the start queued, so its status is settled. */
export async function startAndAwaitCycle(sandbox: Sandbox, job: Pick<MadeJob, 'servicePrincipalId' | 'jobId'>): Promise<void> {
  const cycle = sandbox.engine.nextCycle(job.jobId);
  await graph(sandbox, 'POST', `/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/start`);
  await cycle;
}

/** Pauses a job through Graph. */
export async function pause(sandbox: Sandbox, job: Pick<MadeJob, 'servicePrincipalId' | 'jobId'>): Promise<void> {
  await graph(sandbox, 'POST', `/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/pause`);
}

/** Saves a job's credentials through Graph (PUT replaces the app's whole list), as an admin's script would. */
export async function saveSecrets(sandbox: Sandbox, job: Pick<MadeJob, 'servicePrincipalId'>, secrets: Record<string, string>): Promise<void> {
  await graph(sandbox, 'PUT', `/servicePrincipals/${job.servicePrincipalId}/synchronization/secrets`, { value: Object.entries(secrets).map(([key, value]) => ({ key, value })) });
}

/** Deletes an app through Graph, behind the extension's back. */
export async function deleteApp(sandbox: Sandbox, job: Pick<MadeJob, 'servicePrincipalId'>): Promise<void> {
  await graph(sandbox, 'DELETE', `/servicePrincipals/${job.servicePrincipalId}`);
}
