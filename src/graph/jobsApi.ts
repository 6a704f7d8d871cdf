import type { SynchronizationJob, SynchronizationTemplate } from '@microsoft/microsoft-graph-types';
import { retryAfterOf, sendBatched } from './batch';
import { errorFromResponse, ProvisioningApiError } from './errors';
import type { GraphCaller } from './graphCaller';
import { paths } from './paths';
import { Access } from './permissions';

/** A subject of provision-on-demand: a user or group id with its type name (`User`, `Group`). */
export interface OnDemandSubject {
  readonly objectId: string;
  readonly objectTypeName: string;
}

export interface OnDemandStep {
  readonly name: string;
  readonly status: string;
  readonly description: string;
}

/** What provision-on-demand reports, decoded from the service's JSON-in-strings answer. */
export interface OnDemandResult {
  /** True when the service reports Success (Skipped and failures are false). */
  readonly ok: boolean;
  /** `Success`, `Skipped`, `Failure`, ... */
  readonly result: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly steps: OnDemandStep[];
  readonly modifiedProperties: Array<{ displayName: string; oldValue: string | null; newValue: string | null }>;
  /** What the service did: `Create`, `Update`, `Disable`, `Delete`, `Other` (absent when it did not say). */
  readonly action?: string;
  /** The subject's display name as the report gives it (often absent). */
  readonly subjectDisplayName?: string;
  /** The target app's name as the report gives it. */
  readonly targetSystemName?: string;
}

export interface CredentialCheck {
  readonly ok: boolean;
  readonly message: string;
}

/** Jobs of one app, or the error loading them, for the many-apps view. */
export interface AppJobs {
  readonly jobs?: SynchronizationJob[];
  readonly error?: ProvisioningApiError;
}

const jobFields = 'id,templateId,schedule,status,synchronizationJobSettings';

/** Provisioning (synchronization) jobs, their templates and actions. */
export class JobsApi {
  constructor(private readonly graph: GraphCaller) {}

  listTemplates(spId: string, signal?: AbortSignal): Promise<SynchronizationTemplate[]> {
    return this.graph.all(paths.syncTemplates(spId), { operation: 'list provisioning templates', access: Access.readSync, signal });
  }

  listJobs(spId: string, signal?: AbortSignal): Promise<SynchronizationJob[]> {
    return this.graph.all(paths.jobs(spId), { operation: 'list provisioning jobs', access: Access.readSync, signal });
  }

  getJob(spId: string, jobId: string, signal?: AbortSignal): Promise<SynchronizationJob> {
    return this.graph.get(paths.job(spId, jobId), { operation: 'read the provisioning job', access: Access.readSync, signal });
  }

  createJob(spId: string, templateId: string, signal?: AbortSignal): Promise<SynchronizationJob> {
    return this.graph.post(paths.jobs(spId), { templateId }, { operation: 'create the provisioning job', access: Access.manageSync, signal });
  }

  deleteJob(spId: string, jobId: string, signal?: AbortSignal): Promise<void> {
    return this.graph.delete(paths.job(spId, jobId), { operation: 'delete the provisioning job', access: Access.manageSync, signal });
  }

  start(spId: string, jobId: string, signal?: AbortSignal): Promise<void> {
    return this.graph.post(`${paths.job(spId, jobId)}/start`, {}, { operation: 'start provisioning', access: Access.manageSync, signal });
  }

  pause(spId: string, jobId: string, signal?: AbortSignal): Promise<void> {
    return this.graph.post(`${paths.job(spId, jobId)}/pause`, {}, { operation: 'stop (pause) provisioning', access: Access.manageSync, signal });
  }

  /** Restart; `resetScope` values such as `Watermark`, `Escrows`, `QuarantineState`, `Full`, `ForceDeletes`. */
  restart(spId: string, jobId: string, resetScope: readonly string[] | undefined, signal?: AbortSignal): Promise<void> {
    const body = resetScope && resetScope.length ? { criteria: { resetScope: resetScope.join(', ') } } : {};
    return this.graph.post(`${paths.job(spId, jobId)}/restart`, body, { operation: 'restart provisioning', access: Access.manageSync, signal });
  }

  /**
   * Tests admin credentials against the target app: the given ones, or the saved ones when none are
   * given. A rejection by the app is a result (ok: false with the service's reason), not an error.
   */
  async validateCredentials(spId: string, jobId: string, credentials: ReadonlyArray<{ key: string; value: string }> | undefined, signal?: AbortSignal): Promise<CredentialCheck> {
    const body = credentials && credentials.length ? { useSavedCredentials: false, credentials } : { useSavedCredentials: true };
    try {
      await this.graph.post(`${paths.job(spId, jobId)}/validateCredentials`, body, { operation: 'test the connection', access: Access.manageSync, signal });
      return { ok: true, message: 'The connection works: the app accepted the credentials.' };
    } catch (error) {
      if (error instanceof ProvisioningApiError && error.kind === 'invalidRequest') return { ok: false, message: error.message };
      throw error;
    }
  }

  async provisionOnDemand(spId: string, jobId: string, ruleId: string, subjects: readonly OnDemandSubject[], signal?: AbortSignal): Promise<OnDemandResult> {
    const answer = await this.graph.post<{ key?: string; value?: string }>(
      `${paths.job(spId, jobId)}/provisionOnDemand`,
      { parameters: [{ ruleId, subjects }] },
      { operation: 'provision on demand', access: Access.manageSync, signal },
    );
    return decodeOnDemand(answer);
  }

  /**
   * Jobs of many apps in few requests: `$batch` of 20 with a few batches in flight, throttled inner
   * requests re-sent after Retry-After. One entry per app id.
   */
  async jobsForApps(spIds: readonly string[], signal?: AbortSignal): Promise<Map<string, AppJobs>> {
    const unique = [...new Set(spIds)];
    const responses = await sendBatched(
      this.graph,
      unique.map((spId, i) => ({ id: String(i), method: 'GET' as const, url: `${paths.jobs(spId)}?$select=${jobFields}` })),
      { operation: 'load provisioning job status', access: Access.readSync, signal },
    );
    const result = new Map<string, AppJobs>();
    unique.forEach((spId, i) => {
      const response = responses.get(String(i));
      if (!response) {
        result.set(spId, { error: new ProvisioningApiError('unknown', 'Graph did not answer for this app in the batch.') });
      } else if (response.status >= 200 && response.status < 300) {
        result.set(spId, { jobs: ((response.body as { value?: SynchronizationJob[] })?.value) ?? [] });
      } else {
        const body = (response.body as { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } })?.error;
        const retryAfterSeconds = response.status === 429 || response.status === 503 ? retryAfterOf(response) : undefined;
        result.set(spId, { error: errorFromResponse(response.status, body, body?.innerError?.['request-id'], { operation: 'load provisioning job status', access: Access.readSync, retryAfterSeconds }) });
      }
    });
    return result;
  }
}

function parseJsonString(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The service answers with JSON documents inside the `key` (outcome) and `value` (report) strings. */
function decodeOnDemand(answer: { key?: string; value?: string } | undefined): OnDemandResult {
  const outcome = parseJsonString(answer?.key);
  const report = parseJsonString(answer?.value);
  const details = (outcome.details ?? {}) as Record<string, unknown>;
  const result = typeof outcome.result === 'string' ? outcome.result : 'Unknown';
  const steps = Array.isArray(report.provisioningSteps) ? (report.provisioningSteps as Array<Record<string, unknown>>) : [];
  const modified = Array.isArray(report.modifiedProperties) ? (report.modifiedProperties as Array<Record<string, unknown>>) : [];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
  return {
    ok: result.toLowerCase() === 'success',
    result,
    errorCode: typeof details.errorCode === 'string' ? details.errorCode : undefined,
    errorMessage: typeof details.errorMessage === 'string' ? details.errorMessage : undefined,
    steps: steps.map((s) => ({ name: String(s.name ?? ''), status: String(s.status ?? ''), description: String(s.description ?? '') })),
    modifiedProperties: modified.map((p) => ({
      displayName: String(p.displayName ?? ''),
      oldValue: p.oldValue == null ? null : String(p.oldValue),
      newValue: p.newValue == null ? null : String(p.newValue),
    })),
    action: text(report.action),
    subjectDisplayName: text((report.sourceIdentity as Record<string, unknown> | undefined)?.displayName),
    targetSystemName: text((report.targetSystem as Record<string, unknown> | undefined)?.name),
  };
}
