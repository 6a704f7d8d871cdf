import type { JobRecord, KeyStringValue, SynchronizationError } from '../types';

/** One subject of provisionOnDemand (synchronizationJobSubject). */
export interface OnDemandSubject {
  objectId: string;
  objectTypeName: string;
  /** For a Group: the members to provision with it (synchronizationLinkedObjects.members). */
  links?: { members: { objectId: string; objectTypeName: string }[] };
}

/** What the Graph routers ask of the provisioning engine. */
export interface JobControl {
  /** Starts (or resumes) a job: an initial/incremental cycle now, then on its schedule. */
  start(spId: string, job: JobRecord): void;
  /** Pauses a job, keeping its state. */
  pause(spId: string, job: JobRecord): void;
  /** Clears the named parts of the job's state and starts it again. */
  restart(spId: string, job: JobRecord, resetScope: string[]): void;
  /** Forgets a deleted job (timers, running cycle). */
  removeJob(jobId: string): void;
  /** Tests credentials against the target app; null when they work. */
  validateCredentials(spId: string, job: JobRecord, credentials: KeyStringValue[]): Promise<SynchronizationError | null>;
  /** Provisions one user, or one group with some of its members, now and reports the result like Graph (key/value JSON strings). */
  /**
   * `assignmentVisible` says whether an app role assignment has replicated: one that has not is not
   * honoured yet, as Microsoft documents for on-demand provisioning.
   */
  provisionOnDemand(spId: string, job: JobRecord, ruleId: string, subjects: OnDemandSubject[], assignmentVisible?: (assignmentId: string) => boolean): Promise<{ key: string; value: string }>;
}
