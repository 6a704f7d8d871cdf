import * as vscode from 'vscode';
import type { IntervalUnit, JobStatusWords } from '../shared/jobStatus';

/** "every minute" and "every {0} minutes" for each unit: one key per form, as translations need. */
function every(amount: number, unit: IntervalUnit): string {
  switch (unit) {
    case 'second': return amount === 1 ? vscode.l10n.t('every second') : vscode.l10n.t('every {0} seconds', amount);
    case 'minute': return amount === 1 ? vscode.l10n.t('every minute') : vscode.l10n.t('every {0} minutes', amount);
    case 'hour': return amount === 1 ? vscode.l10n.t('every hour') : vscode.l10n.t('every {0} hours', amount);
    case 'day': return amount === 1 ? vscode.l10n.t('every day') : vscode.l10n.t('every {0} days', amount);
  }
}

/** A job's status and schedule words through `vscode.l10n.t` (the host-free formatter takes them as a parameter). */
export function localizedStatusWords(): JobStatusWords {
  return {
    active: () => vscode.l10n.t('Active'),
    running: (p) => (p ? vscode.l10n.t('Running {0}/{1}', p.completed, p.total) : vscode.l10n.t('Running')),
    starting: () => vscode.l10n.t('Starting'),
    queued: () => vscode.l10n.t('Queued'),
    lastCycleFailed: () => vscode.l10n.t('Last cycle failed'),
    paused: () => vscode.l10n.t('Paused'),
    inQuarantine: () => vscode.l10n.t('In quarantine'),
    notStarted: () => vscode.l10n.t('Not started'),
    needsCredentials: () => vscode.l10n.t('Needs credentials'),
    unknown: (code) => code,
    every,
    notScheduled: () => vscode.l10n.t('not scheduled'),
    schedulePaused: () => vscode.l10n.t('paused'),
    cycleOutcome: (state) => {
      switch (state) {
        case 'Succeeded': return vscode.l10n.t('succeeded');
        case 'Failed': return vscode.l10n.t('failed');
        case 'EntryLevelErrors': return vscode.l10n.t('some objects failed');
        default: return state;
      }
    },
  };
}
