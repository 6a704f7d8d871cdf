import * as vscode from 'vscode';
import type { SecretPair } from '../graph/secretsApi';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
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
function settingsToSecrets(current: ReadonlyArray<{ key: string; value: string | null }>, args: ProvisioningSettingsArgs): SecretPair[] {
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
 * threshold, scope, out-of-scope deletions. Scripted with the fields of ProvisioningSettingsArgs.
 */
export async function editProvisioningSettings(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean; changed: string[]; notifying: boolean } | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  const current = await service.secrets.list(target.servicePrincipalId, context.signal);
  let args: ProvisioningSettingsArgs;
  const given = arg && typeof arg === 'object' && !('jobTarget' in arg) ? (arg as ProvisioningSettingsArgs) : undefined;
  if (given && SETTING_NAMES.some((k) => k in given)) {
    args = given;
  } else {
    const asked = await askSettings(current, context);
    if (!asked) return undefined;
    args = asked;
  }
  const pairs = settingsToSecrets(current, args);
  const notificationJson = (pairs.find((p) => p.key === 'SyncNotificationSettings') ?? current.find((s) => s.key === 'SyncNotificationSettings'))?.value;
  const notification = parseNotification(notificationJson ?? undefined);
  // Failure emails go out: on, with at least one recipient (what the walkthrough's step asks for).
  const notifying = notification.Enabled === true && Boolean(notification.Recipients);
  if (pairs.length === 0) return { ok: true, changed: [], notifying };
  await service.secrets.save(target.servicePrincipalId, pairs, context.signal);
  // Which settings were written, so callers (and the walkthrough) can tell an email change from others.
  return { ok: true, changed: SETTING_NAMES.filter((k) => args[k] !== undefined), notifying };
}

async function askSettings(current: ReadonlyArray<{ key: string; value: string | null }>, context: CommandContext): Promise<ProvisioningSettingsArgs | undefined> {
  const notification = parseNotification(current.find((s) => s.key === 'SyncNotificationSettings')?.value);
  const syncAll = current.find((s) => s.key === 'SyncAll')?.value?.toLowerCase() === 'true';
  const skip = current.find((s) => s.key === 'SkipOutOfScopeDeletions')?.value?.toLowerCase() === 'true';
  type Item = vscode.QuickPickItem & { setting: keyof ProvisioningSettingsArgs };
  const picked = await context.waitForUser(() => vscode.window.showQuickPick<Item>([
    { setting: 'notificationEmail', label: vscode.l10n.t('Notification email'), description: notification.Recipients || vscode.l10n.t('not set') },
    { setting: 'emailOnFailure', label: vscode.l10n.t('Send an email notification when a failure occurs'), description: notification.Enabled ? vscode.l10n.t('on') : vscode.l10n.t('off') },
    { setting: 'deleteThreshold', label: vscode.l10n.t('Prevent accidental deletion'), description: notification.DeleteThresholdEnabled ? vscode.l10n.t('above {0} deletions', notification.DeleteThresholdValue ?? 0) : vscode.l10n.t('off') },
    { setting: 'scope', label: vscode.l10n.t('Scope'), description: syncAll ? vscode.l10n.t('all users and groups') : vscode.l10n.t('only assigned users and groups') },
    { setting: 'skipOutOfScopeDeletions', label: vscode.l10n.t('Skip out-of-scope deletions'), description: skip ? vscode.l10n.t('on') : vscode.l10n.t('off') },
  ], { title: vscode.l10n.t('Provisioning settings'), placeHolder: vscode.l10n.t('Which setting?') }, context.token));
  if (!picked) return undefined;
  const onOff = async (title: string, on: boolean) => {
    const choice = await context.waitForUser(() => vscode.window.showQuickPick([{ label: vscode.l10n.t('On'), value: true }, { label: vscode.l10n.t('Off'), value: false }].map((o) => ({ ...o, picked: o.value === on })), { title }, context.token));
    return choice?.value;
  };
  switch (picked.setting) {
    case 'notificationEmail': {
      const email = await context.waitForUser(() => vscode.window.showInputBox({ title: picked.label, prompt: vscode.l10n.t('Who gets failure notifications (separate several with ;)'), value: notification.Recipients ?? '', validateInput: (v) => v.split(/[;,]/).map((e) => e.trim()).filter(Boolean).every((e) => EMAIL.test(e)) ? undefined : vscode.l10n.t('Type email addresses.') }, context.token));
      if (email === undefined) return undefined;
      return { notificationEmail: email, emailOnFailure: email.trim() ? (notification.Enabled ?? true) : false };
    }
    case 'emailOnFailure': {
      const on = await onOff(picked.label, Boolean(notification.Enabled));
      return on === undefined ? undefined : { emailOnFailure: on };
    }
    case 'deleteThreshold': {
      const value = await context.waitForUser(() => vscode.window.showInputBox({ title: picked.label, prompt: vscode.l10n.t('Hold a cycle that would delete more accounts than this (0 turns it off)'), value: String(notification.DeleteThresholdValue ?? 500), validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number.')) }, context.token));
      return value === undefined ? undefined : { deleteThreshold: Number(value.trim()) };
    }
    case 'scope': {
      const choice = await context.waitForUser(() => vscode.window.showQuickPick([
        { label: vscode.l10n.t('Sync only assigned users and groups'), value: 'assigned' as const },
        { label: vscode.l10n.t('Sync all users and groups'), value: 'all' as const },
      ], { title: picked.label }, context.token));
      return choice ? { scope: choice.value } : undefined;
    }
    case 'skipOutOfScopeDeletions': {
      const on = await onOff(picked.label, skip);
      return on === undefined ? undefined : { skipOutOfScopeDeletions: on };
    }
  }
  return undefined;
}
