const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A clock time in `language`, e.g. 14:32 or 2:32:05 PM. The formatter is built once per language
 * (building one per call is about a hundred times slower), and a tag Intl does not accept (VS Code's
 * locale setting is free text, e.g. en_US) falls back to the default locale instead of throwing.
 */
export function clockTime(date: Date, language: string, options: { seconds?: boolean } = {}): string {
  const key = `${options.seconds ? 's' : 'm'}|${language}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const fields: Intl.DateTimeFormatOptions = options.seconds ? { hour: 'numeric', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
    try {
      formatter = new Intl.DateTimeFormat(language, fields);
    } catch {
      formatter = new Intl.DateTimeFormat(undefined, fields);
    }
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}
