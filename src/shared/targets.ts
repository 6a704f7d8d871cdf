/** The provisioning job a job command acts on. */
export interface JobTarget {
  readonly connectionId: string;
  readonly servicePrincipalId: string;
  readonly jobId: string;
  /** For messages and titles, when known. */
  readonly appDisplayName?: string;
}

/** Tree nodes that stand for a job (or something under one) carry its target. */
export interface HasJobTarget {
  readonly jobTarget: JobTarget;
}

/** The enterprise app (service principal) a command acts on. */
export interface AppTarget {
  readonly connectionId: string;
  readonly servicePrincipalId: string;
  readonly displayName?: string;
}

/** Tree nodes that stand for an app (or something under one) carry its target. */
export interface HasAppTarget {
  readonly appTarget: AppTarget;
}

/** Whether a command argument is a tree node (or anything) that carries a job target. */
export function hasJobTarget(value: unknown): value is HasJobTarget {
  return typeof value === 'object' && value !== null && typeof (value as HasJobTarget).jobTarget?.jobId === 'string';
}

/** Whether a command argument is a tree node (or anything) that carries an app target. */
export function hasAppTarget(value: unknown): value is HasAppTarget {
  return typeof value === 'object' && value !== null && typeof (value as HasAppTarget).appTarget?.servicePrincipalId === 'string';
}
