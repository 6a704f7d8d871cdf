import { newHex32 } from '../random';
import { defaultSchema } from '../schema/syncTemplates';
import type { JobRecord, JobStatus, SynchronizationSchema } from '../types';
import { NEVER_INTERVAL, NEVER_TIME } from '../types';

/** Status of a job that never ran. */
export function initialStatus(code: JobStatus['code']): JobStatus {
  return {
    code,
    countSuccessiveCompleteFailures: 0,
    escrowsPruned: false,
    lastExecution: null,
    lastSuccessfulExecution: null,
    lastSuccessfulExecutionWithExports: null,
    progress: [],
    quarantine: null,
    steadyStateFirstAchievedTime: NEVER_TIME,
    steadyStateLastAchievedTime: NEVER_TIME,
    synchronizedEntryCountByType: [],
    troubleshootingUrl: null,
  };
}

/**
 * A new job as Graph creates it: disabled, unscheduled, with the template's default schema (or the
 * application's override of it).
 */
export function newJob(templateId: string, schema: SynchronizationSchema | undefined, configured: boolean, suffix = newHex32()): JobRecord {
  const id = `${templateId}.${suffix}`;
  const base = schema ? (structuredClone(schema) as SynchronizationSchema) : defaultSchema(templateId);
  base.id = id;
  return {
    id,
    templateId,
    schedule: { expiration: null, interval: NEVER_INTERVAL, state: 'Disabled' },
    status: initialStatus(configured ? 'NotRun' : 'NotConfigured'),
    synchronizationJobSettings: [
      { name: 'QuarantineTooManyDeletesThreshold', value: '500' },
      { name: 'AzureIngestionAttributeOptimization', value: 'False' },
    ],
    schema: base,
    runtime: { watermark: 0, provisioned: {}, escrows: {}, cycles: 0, nextRun: null },
  };
}

/** Bumps a schema version string; Graph changes it on every schema write. */
export function bumpVersion(version: string | undefined): string {
  const m = /Version:(\d+)$/.exec(version ?? '');
  const n = m ? Number(m[1]) + 1 : 2;
  return `Date:${new Date().toISOString()}~Version:${n}`;
}

/** ISO 8601 duration for a cycle interval in seconds (PT40M for Entra's default). */
export function intervalFor(seconds: number): string {
  if (seconds % 60 === 0) return `PT${seconds / 60}M`;
  return `PT${seconds}S`;
}
