import * as vscode from 'vscode';
import type { DetailsWords } from './eventDetails';
import { knownErrorTitle, type ActivityWords } from './formatter';
import type { OutcomeWords } from './outcome';
import { localizedStatusWords } from '../host/jobStatusWords';
import { localTime } from '../shared/clockTime';
import { explainProvisioningError } from '../shared/provisioningErrorCatalog';

/** The stream's words through `vscode.l10n.t` (the host-free formatter takes them as a parameter). */
export function localizedActivityWords(): ActivityWords {
  return {
    status: localizedStatusWords(),
    time: (iso) => localTime(iso, vscode.env.language, new Date(), { seconds: true }),
    nobody: () => vscode.l10n.t('(none)'),
    error: (code, reason) => vscode.l10n.t('{0}: {1}', code, reason),
    errorTitle: (code) => knownErrorTitle(code, vscode.env.language),
    recommendedAction: (action) => vscode.l10n.t('Recommended action: {0}', action),
    onDemand: (action) => (action ? vscode.l10n.t('{0} on demand', action) : vscode.l10n.t('on-demand provisioning')),
    watching: (job, status, schedule) => vscode.l10n.t('Watching {0}: {1}, {2}.', job, status, schedule),
    cycleStarted: (job, total) =>
      total === undefined ? vscode.l10n.t('{0}: cycle started.', job) : vscode.l10n.t('{0}: cycle started, {1} objects to process.', job, total),
    progress: (job, completed, total) => vscode.l10n.t('{0}: {1} of {2} objects processed.', job, completed, total),
    cycleFinished: (job, outcome, imported, exported, escrowed, seconds) =>
      seconds === undefined
        ? vscode.l10n.t('{0}: cycle finished ({1}): {2} imported, {3} exported, {4} escrowed.', job, outcome, imported, exported, escrowed)
        : vscode.l10n.t('{0}: cycle finished ({1}): {2} imported, {3} exported, {4} escrowed in {5} s.', job, outcome, imported, exported, escrowed, seconds.toFixed(1)),
    cycleIdle: (job) => vscode.l10n.t('{0}: cycle finished with nothing to change. Further cycles like it are counted, not listed.', job),
    idleCycles: (job, count, last) =>
      last
        ? count === 1
          ? vscode.l10n.t('{0}: 1 more cycle with nothing to change, at {1}.', job, last)
          : vscode.l10n.t('{0}: {1} more cycles with nothing to change, the last at {2}.', job, count, last)
        : vscode.l10n.t('{0}: {1} more cycles with nothing to change.', job, count),
    cycleFailed: (job, code, message) => vscode.l10n.t('{0}: cycle failed: {1}: {2}', job, code, message),
    quarantineEntered: (job, reason, next) =>
      next ? vscode.l10n.t('{0}: entered quarantine ({1}); next attempt {2}.', job, reason, next) : vscode.l10n.t('{0}: entered quarantine ({1}).', job, reason),
    quarantineLeft: (job) => vscode.l10n.t('{0}: left quarantine.', job),
    paused: (job) => vscode.l10n.t('{0}: paused.', job),
    resumed: (job, schedule) => vscode.l10n.t('{0}: resumed, {1}.', job, schedule),
    statusChanged: (job, from, to, schedule) => vscode.l10n.t('{0}: {1} → {2}, {3}.', job, from, to, schedule),
  };
}

/** The details document's headings and labels through `vscode.l10n.t`. */
export function localizedDetailsWords(): DetailsWords {
  const fields = {
    time: vscode.l10n.t('Time'),
    action: vscode.l10n.t('Action'),
    status: vscode.l10n.t('Status'),
    app: vscode.l10n.t('App'),
    job: vscode.l10n.t('Job'),
    cycle: vscode.l10n.t('Cycle'),
    change: vscode.l10n.t('Change'),
    source: vscode.l10n.t('Source'),
    target: vscode.l10n.t('Target'),
    initiatedBy: vscode.l10n.t('Initiated by'),
    duration: vscode.l10n.t('Duration (ms)'),
    id: vscode.l10n.t('Event id'),
  };
  const errorFields = {
    code: vscode.l10n.t('Code'),
    category: vscode.l10n.t('Category'),
    reason: vscode.l10n.t('Reason'),
    details: vscode.l10n.t('Details'),
    recommendedAction: vscode.l10n.t('Recommended action'),
    meaning: vscode.l10n.t('What it means'),
    fix: vscode.l10n.t('How to fix it'),
    docs: vscode.l10n.t('Documentation'),
  };
  return {
    outcome: localizedOutcomeWords(),
    summary: () => vscode.l10n.t('Summary'),
    field: (name) => fields[name],
    error: () => vscode.l10n.t('Error'),
    errorField: (name) => errorFields[name],
    explain: (code) => explainProvisioningError(code, vscode.env.language),
    steps: () => vscode.l10n.t('Steps'),
    stepColumns: () => ['#', vscode.l10n.t('Step'), vscode.l10n.t('Status'), vscode.l10n.t('Description')],
    modifiedProperties: () => vscode.l10n.t('Modified properties'),
    propertyColumns: () => [vscode.l10n.t('Property'), vscode.l10n.t('Old value'), vscode.l10n.t('New value')],
    noModifiedProperties: () => vscode.l10n.t('None.'),
    fullRecord: () => vscode.l10n.t('Full record'),
  };
}

/** What provisioning did to a user, in words, through `vscode.l10n.t` ({0} the user, {1} the app). */
export function localizedOutcomeWords(): OutcomeWords {
  return {
    created: (user, app) => vscode.l10n.t('Created {0} in {1}', user, app),
    updated: (user, app) => vscode.l10n.t('Updated {0} in {1}', user, app),
    disabled: (user, app) => vscode.l10n.t('Disabled {0} in {1}', user, app),
    deleted: (user, app) => vscode.l10n.t('Deleted {0} from {1}', user, app),
    provisioned: (user, app) => vscode.l10n.t('Provisioned {0} to {1}', user, app),
    withWarning: (user, app) => vscode.l10n.t('Provisioned {0} to {1}, with a warning', user, app),
    skipped: (user, reason) => vscode.l10n.t('Skipped {0}: {1}', user, reason),
    failed: (user, app, reason) => vscode.l10n.t('Could not provision {0} to {1}: {2}', user, app, reason),
    skipReason: (code, app) =>
      ({
        noteffectivelyentitled: vscode.l10n.t('not assigned to {0}, or outside its scoping filter', app),
        redundantexport: vscode.l10n.t('already up to date in {0}', app),
        accidentaldeletionthreshold: vscode.l10n.t('held back by the accidental-deletion threshold'),
      })[code.toLowerCase()],
  };
}
