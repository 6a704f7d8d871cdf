import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandId } from '../shared/commandIds';

/**
 * A title as the manifest VS Code hands over holds it: the `%key%` placeholder, the text, or, for a
 * translated title, `{ value, original }` (the palette also searches the English original).
 */
type ManifestTitle = string | { value?: unknown };
type Manifest = { contributes?: { commands?: Array<{ command?: string; title?: ManifestTitle }> } };

/**
 * A command's title in the user's language, for its progress notification and error sentence.
 * Titles are written once, in package.nls.json and its translations (the palette and menus show
 * them); the manifest VS Code hands over may still hold the `%key%` placeholders, which are looked
 * up there. Trailing "…" and a parenthesised aside ("(Pause)") are dropped: a sentence starts
 * with the title. Files are read on first need, not at activation.
 */
export function commandTitles(extensionPath: string, manifest: unknown, language: string): (id: CommandId) => string {
  let strings: Record<string, string> | undefined;
  const nls = (): Record<string, string> => {
    if (strings) return strings;
    strings = {};
    const tags = [...new Set(['', language.split('-')[0], language].filter((t) => t !== 'en'))];
    for (const tag of tags) Object.assign(strings, readJson(join(extensionPath, tag ? `package.nls.${tag.toLowerCase()}.json` : 'package.nls.json')));
    return strings;
  };
  const commands = (manifest as Manifest | undefined)?.contributes?.commands ?? [];
  return (id) => {
    const given = commands.find((c) => c.command === id)?.title;
    const title = typeof given === 'string' ? given : typeof given?.value === 'string' ? given.value : id;
    const placeholder = /^%(.+)%$/.exec(title);
    return plainTitle(placeholder ? (nls()[placeholder[1]] ?? id) : title);
  };
}

/** "Provisioning Settings (Notification Email, Scope)…" → "Provisioning Settings". */
export function plainTitle(title: string): string {
  return title.replace(/…$/, '').replace(/\s*\([^)]*\)\s*$/, '').trim();
}

function readJson(path: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}
