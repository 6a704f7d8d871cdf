import * as vscode from 'vscode';
import type { SecretPair } from '../graph/secretsApi';
import { UserFacingError } from '../shared/errors';
import type { ProvisioningService } from '../graph/provisioningService';
import type { JobTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import { jobForWrite } from './jobActions';
import type { Services } from './services';

/** Scripted argument of `entraProvisioning.editProvisioningSettings` (every field optional). */
export interface ProvisioningSettingsArgs {
  /** Where failure (quarantine) notifications go; empty string clears it. */
  notificationEmail?: string;
  /** Send an email when a failure occurs. */
  emailOnFailure?: boolean;
  /** Accidental-deletion threshold: hold a cycle that would delete more than this many accounts (0 = off). */
  deleteThreshold?: number;
  /** `assigned`: only assigned users and groups; `all`: all users and groups. */
  scope?: 'assigned' | 'all';
  /** Do not disable accounts that go out of scope. */
  skipOutOfScopeDeletions?: boolean;
}

/** The notification settings JSON kept in the `SyncNotificationSettings` secret. */
interface NotificationSettings {
  Enabled?: boolean;
  Recipients?: string;
  DeleteThresholdEnabled?: boolean;
  DeleteThresholdValue?: number;
  [other: string]: unknown;
}

function parseNotification(value: string | null | undefined): NotificationSettings {
  try {
    const parsed: unknown = JSON.parse(value ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as NotificationSettings) : {};
  } catch {
    return {};
  }
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** The settings a script may pass (besides the job target), with the type each must have. */
const SETTING_TYPES = { notificationEmail: 'string', emailOnFailure: 'boolean', deleteThreshold: 'number', scope: 'string', skipOutOfScopeDeletions: 'boolean' } as const satisfies Record<keyof ProvisioningSettingsArgs, string>;
const SETTING_NAMES = Object.keys(SETTING_TYPES) as Array<keyof typeof SETTING_TYPES>;

/** Turns the settings into secret pairs to merge; unknown fields of the notification JSON are kept. */
export function settingsToSecrets(current: ReadonlyArray<{ key: string; value: string | null }>, args: ProvisioningSettingsArgs): SecretPair[] {
  for (const [name, type] of Object.entries(SETTING_TYPES)) {
    const value = (args as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== type) throw new UserFacingError(vscode.l10n.t('{0} must be a {1}.', name, type));
  }
  const pairs: SecretPair[] = [];
  const notification = parseNotification(current.find((s) => s.key === 'SyncNotificationSettings')?.value);
  let notificationChanged = false;
  if (args.notificationEmail !== undefined) {
    const emails = args.notificationEmail.split(/[;,]/).map((e) => e.trim()).filter(Boolean);
    const bad = emails.find((e) => !EMAIL.test(e));
    if (bad) throw new UserFacingError(vscode.l10n.t('"{0}" is not an email address.', bad));
    notification.Recipients = emails.join(';');
    notificationChanged = true;
  }
  if (args.emailOnFailure !== undefined) {
    notification.Enabled = args.emailOnFailure;
    notificationChanged = true;
  }
  if (args.deleteThreshold !== undefined) {
    if (!Number.isInteger(args.deleteThreshold) || args.deleteThreshold < 0) throw new UserFacingError(vscode.l10n.t('The deletion threshold is a whole number, 0 or more.'));
    notification.DeleteThresholdEnabled = args.deleteThreshold > 0;
    notification.DeleteThresholdValue = args.deleteThreshold;
    notificationChanged = true;
  }
  if (notification.Enabled && !notification.Recipients) throw new UserFacingError(vscode.l10n.t('Give a notification email to send failure emails to.'));
  if (notificationChanged) pairs.push({ key: 'SyncNotificationSettings', value: JSON.stringify(notification) });
  if (args.scope !== undefined) {
    if (args.scope !== 'assigned' && args.scope !== 'all') throw new UserFacingError(vscode.l10n.t('scope is "assigned" or "all".'));
    pairs.push({ key: 'SyncAll', value: args.scope === 'all' ? 'true' : 'false' });
  }
  if (args.skipOutOfScopeDeletions !== undefined) pairs.push({ key: 'SkipOutOfScopeDeletions', value: String(args.skipOutOfScopeDeletions) });
  return pairs;
}

/**
 * Provisioning settings of a job: notification email and email on failure, accidental-deletion
 * threshold, scope, out-of-scope deletions. Scripted with the fields of ProvisioningSettingsArgs;
 * asked as one form (every current value, edits marked, then a review and one save).
 */
export async function editProvisioningSettings(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean; changed: string[]; notifying: boolean } | undefined> {
  const given = arg && typeof arg === 'object' && !('jobTarget' in arg) ? (arg as ProvisioningSettingsArgs) : undefined;
  const scripted = given !== undefined && SETTING_NAMES.some((k) => k in given);
  // One quick input from the job pick to the save (see InputFlow): the walkthrough would otherwise close the next step.
  const flow = new InputFlow(context, vscode.l10n.t('Provisioning Settings stopped: nothing was saved.'));
  let asked: { target: JobTarget; service: ProvisioningService; current: Secrets; args: ProvisioningSettingsArgs } | undefined;
  try {
    const resolved = await jobForWrite(services, context, arg, flow);
    if (resolved) {
      const current = await flow.busy(() => resolved.service.secrets.list(resolved.target.servicePrincipalId, context.signal));
      const args = scripted ? given : await askSettings(current, resolved.target, flow);
      if (args) asked = { ...resolved, current, args };
    }
  } finally {
    flow.dispose();
  }
  if (!asked) return undefined;
  const { target, service, current, args } = asked;
  const pairs = settingsToSecrets(current, args);
  const notificationJson = (pairs.find((p) => p.key === 'SyncNotificationSettings') ?? current.find((s) => s.key === 'SyncNotificationSettings'))?.value;
  const notification = parseNotification(notificationJson ?? undefined);
  // Failure emails go out: on, with at least one recipient (what the walkthrough's step asks for).
  const notifying = notification.Enabled === true && Boolean(notification.Recipients);
  if (pairs.length === 0) return { ok: true, changed: [], notifying };
  await service.secrets.save(target.servicePrincipalId, pairs, context.signal);
  if (!scripted) void vscode.window.showInformationMessage(vscode.l10n.t('Provisioning settings of {0} saved.', target.appDisplayName ?? target.servicePrincipalId));
  // Which settings were written, so callers (and the walkthrough) can tell an email change from others.
  return { ok: true, changed: SETTING_NAMES.filter((k) => args[k] !== undefined), notifying };
}

type Secrets = ReadonlyArray<{ key: string; value: string | null }>;
/** Every setting with a value: what the form shows and edits. */
type SettingValues = Required<ProvisioningSettingsArgs>;

/** The job's settings as they are saved (the service's defaults where a key is missing). */
function savedSettings(current: Secrets): SettingValues {
  const notification = parseNotification(current.find((s) => s.key === 'SyncNotificationSettings')?.value);
  return {
    notificationEmail: notification.Recipients ?? '',
    emailOnFailure: notification.Enabled === true,
    deleteThreshold: notification.DeleteThresholdEnabled ? (notification.DeleteThresholdValue ?? 0) : 0,
    scope: current.find((s) => s.key === 'SyncAll')?.value?.toLowerCase() === 'true' ? 'all' : 'assigned',
    skipOutOfScopeDeletions: current.find((s) => s.key === 'SkipOutOfScopeDeletions')?.value?.toLowerCase() === 'true',
  };
}

function settingLabel(setting: keyof SettingValues): string {
  switch (setting) {
    case 'notificationEmail': return vscode.l10n.t('Notification email');
    case 'emailOnFailure': return vscode.l10n.t('Send an email notification when a failure occurs');
    case 'deleteThreshold': return vscode.l10n.t('Prevent accidental deletion');
    case 'scope': return vscode.l10n.t('Scope');
    case 'skipOutOfScopeDeletions': return vscode.l10n.t('Skip out-of-scope deletions');
  }
}

function settingValueText(setting: keyof SettingValues, values: SettingValues): string {
  const onOff = (on: boolean) => (on ? vscode.l10n.t('on') : vscode.l10n.t('off'));
  switch (setting) {
    case 'notificationEmail': return values.notificationEmail || vscode.l10n.t('not set');
    case 'emailOnFailure': return onOff(values.emailOnFailure);
    case 'deleteThreshold': return values.deleteThreshold > 0 ? vscode.l10n.t('above {0} deletions', values.deleteThreshold) : vscode.l10n.t('off');
    case 'scope': return values.scope === 'all' ? vscode.l10n.t('all users and groups') : vscode.l10n.t('only assigned users and groups');
    case 'skipOutOfScopeDeletions': return onOff(values.skipOutOfScopeDeletions);
  }
}

/** What stops the edited settings from being saved, if anything (the review step shows it). */
function settingsProblem(values: SettingValues): string | undefined {
  return values.emailOnFailure && !values.notificationEmail.trim() ? vscode.l10n.t('Give a notification email to send failure emails to.') : undefined;
}

/**
 * The settings form: one pick listing every setting with its current value (edited ones marked),
 * each opening its own step and coming back; then a review of the changes and one save. Returns
 * only the settings that changed ({} when none did), undefined when closed.
 */
async function askSettings(current: Secrets, target: JobTarget, flow: InputFlow): Promise<ProvisioningSettingsArgs | undefined> {
  const saved = savedSettings(current);
  const draft: SettingValues = { ...saved };
  const changedSettings = () => SETTING_NAMES.filter((k) => draft[k] !== saved[k]);
  const title = vscode.l10n.t('Provisioning settings of {0}', target.appDisplayName ?? target.servicePrincipalId);
  type Row = vscode.QuickPickItem & { setting?: keyof SettingValues; action?: 'review' | 'close' };
  let active: keyof SettingValues | 'review' | undefined;
  for (;;) {
    const changed = changedSettings();
    const rows: Row[] = SETTING_NAMES.map((setting) => ({
      label: settingLabel(setting),
      description: draft[setting] !== saved[setting] ? `$(edit) ${settingValueText(setting, draft)} ${vscode.l10n.t('(was {0})', settingValueText(setting, saved))}` : settingValueText(setting, draft),
      setting,
    }));
    rows.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    rows.push(changed.length > 0
      ? { label: `$(check) ${(changed.length === 1 ? vscode.l10n.t('Review and save 1 change…') : vscode.l10n.t('Review and save {0} changes…', changed.length))}`, action: 'review' }
      : { label: `$(close) ${vscode.l10n.t('Close (nothing changed)')}`, action: 'close' });
    const [picked] = await flow.pick(rows, {
      title,
      placeholder: vscode.l10n.t('Choose a setting to change; every change is saved together at the end'),
      matchOnDescription: true,
      // After an edit, Enter goes on to the review.
      active: active && rows.find((r) => (active === 'review' ? r.action === 'review' : r.setting === active)),
    }) ?? [];
    if (!picked) return undefined;
    if (picked.action === 'close') return {};
    if (picked.setting) {
      const edited = await editSetting(picked.setting, draft, title, flow);
      if (edited === undefined) return undefined;
      Object.assign(draft, edited);
      active = changedSettings().length > 0 ? 'review' : picked.setting;
      continue;
    }
    const review = await reviewSettings(saved, draft, changedSettings(), title, flow);
    if (review === undefined) return undefined;
    if (review === 'save') return Object.fromEntries(changedSettings().map((k) => [k, draft[k]])) as ProvisioningSettingsArgs;
    active = undefined;
  }
}

/** One setting's own step, showing its current value; the draft values it changes, undefined when closed. */
async function editSetting(setting: keyof SettingValues, draft: SettingValues, formTitle: string, flow: InputFlow): Promise<Partial<SettingValues> | undefined> {
  const title = `${formTitle}: ${settingLabel(setting)}`;
  const choose = async <T>(options: ReadonlyArray<{ label: string; value: T }>, now: T): Promise<T | undefined> => {
    // The current value first (Enter keeps it) and marked as such.
    const rows = [...options.filter((o) => o.value === now), ...options.filter((o) => o.value !== now)].map((o) => ({ ...o, description: o.value === now ? vscode.l10n.t('current') : undefined }));
    const [picked] = await flow.pick(rows, { title }) ?? [];
    return picked?.value;
  };
  const onOff = [{ label: vscode.l10n.t('On'), value: true }, { label: vscode.l10n.t('Off'), value: false }];
  switch (setting) {
    case 'notificationEmail': {
      const email = await flow.input({ title, prompt: vscode.l10n.t('Who gets failure notifications (separate several with ;); empty clears it'), value: draft.notificationEmail, validate: (v) => (emailProblem(v)) });
      if (email === undefined) return undefined;
      const notificationEmail = email.split(/[;,]/).map((e) => e.trim()).filter(Boolean).join(';');
      // An address typed is meant to be written to; clearing it turns the emails off.
      if (notificationEmail && !draft.notificationEmail) return { notificationEmail, emailOnFailure: true };
      return notificationEmail ? { notificationEmail } : { notificationEmail, emailOnFailure: false };
    }
    case 'emailOnFailure': {
      const on = await choose(onOff, draft.emailOnFailure);
      return on === undefined ? undefined : { emailOnFailure: on };
    }
    case 'deleteThreshold': {
      const value = await flow.input({ title, prompt: vscode.l10n.t('Hold a cycle that would delete more accounts than this (0 turns it off)'), value: String(draft.deleteThreshold > 0 ? draft.deleteThreshold : 500), validate: (v) => (/^\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number, 0 or more.')) });
      return value === undefined ? undefined : { deleteThreshold: Number(value.trim()) };
    }
    case 'scope': {
      const scope = await choose([
        { label: vscode.l10n.t('Sync only assigned users and groups'), value: 'assigned' as const },
        { label: vscode.l10n.t('Sync all users and groups'), value: 'all' as const },
      ], draft.scope);
      return scope === undefined ? undefined : { scope };
    }
    case 'skipOutOfScopeDeletions': {
      const on = await choose(onOff, draft.skipOutOfScopeDeletions);
      return on === undefined ? undefined : { skipOutOfScopeDeletions: on };
    }
  }
}

function emailProblem(value: string): string | undefined {
  const bad = value.split(/[;,]/).map((e) => e.trim()).filter(Boolean).find((e) => !EMAIL.test(e));
  return bad ? vscode.l10n.t('"{0}" is not an email address.', bad) : undefined;
}

/** The review: each change as old → new, and Save (unless something must be fixed first) or Back. */
async function reviewSettings(saved: SettingValues, draft: SettingValues, changed: ReadonlyArray<keyof SettingValues>, formTitle: string, flow: InputFlow): Promise<'save' | 'back' | undefined> {
  const problem = settingsProblem(draft);
  type Row = vscode.QuickPickItem & { action?: 'save' | 'back' };
  const rows: Row[] = [
    ...(problem ? [{ label: `$(error) ${problem}`, action: 'back' as const }] : [{ label: `$(save) ${vscode.l10n.t('Save')}`, action: 'save' as const }]),
    { label: `$(arrow-left) ${vscode.l10n.t('Back to the settings')}`, action: 'back' },
    { label: vscode.l10n.t('Changes'), kind: vscode.QuickPickItemKind.Separator },
    ...changed.map((setting) => ({ label: settingLabel(setting), description: vscode.l10n.t('{0} → {1}', settingValueText(setting, saved), settingValueText(setting, draft)) })),
  ];
  for (;;) {
    const [picked] = await flow.pick(rows, { title: vscode.l10n.t('{0}: review and save', formTitle) }) ?? [];
    if (!picked) return undefined;
    // A change row only informs: the review stays until Save or Back.
    if (picked.action) return picked.action;
  }
}
