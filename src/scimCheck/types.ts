/** The outcome of one check. */
export type ScimCheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One check as the public contract of `entraProvisioning.checkScimEndpoint` returns it. */
export interface ScimCheck {
  /** Stable id, e.g. `users.create`. */
  id: string;
  title: string;
  status: ScimCheckStatus;
  /** What the endpoint must do, in one line. */
  requirement: string;
  /** Where the requirement comes from (a Microsoft Learn page or an RFC section). */
  docs: string;
  /** The request that proved the outcome, as HTTP text, the Authorization header redacted. */
  request?: string;
  /** The answer to {@link request}, as HTTP text (status line, content type, body). */
  response?: string;
}

/** The public contract's result: counts and every check. */
export interface ScimCheckResult {
  passed: number;
  failed: number;
  warnings: number;
  checks: ScimCheck[];
}

/** A check with the sentence that explains its outcome (reports and the CLI show it; the contract does not carry it). */
export interface ScimCheckOutcome extends ScimCheck {
  /** Why it passed, failed, warned or was skipped, in one sentence. */
  detail: string;
}

/** What a run produced: the outcomes, in the order they ran. */
export interface ScimCheckReport {
  baseAddress: string;
  outcomes: ScimCheckOutcome[];
}

/** The public contract's shape of a report: the outcomes without their detail sentences. */
export function toScimCheckResult(report: ScimCheckReport): ScimCheckResult {
  const checks = report.outcomes.map(({ id, title, status, requirement, docs, request, response }): ScimCheck => ({
    id, title, status, requirement, docs,
    ...(request === undefined ? {} : { request }),
    ...(response === undefined ? {} : { response }),
  }));
  return {
    passed: checks.filter((c) => c.status === 'pass').length,
    failed: checks.filter((c) => c.status === 'fail').length,
    warnings: checks.filter((c) => c.status === 'warn').length,
    checks,
  };
}
