const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter for `language` built once per language and field set (building one per call is about a
 * hundred times slower); a tag Intl does not accept (VS Code's locale setting is free text, e.g.
 * en_US) falls back to the default locale instead of throwing.
 */
function formatter(language: string, key: string, fields: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${key}|${language}`;
  let cached = formatters.get(cacheKey);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat(language, fields);
    } catch {
      cached = new Intl.DateTimeFormat(undefined, fields);
    }
    formatters.set(cacheKey, cached);
  }
  return cached;
}

/** A clock time in `language`, e.g. 14:32 or 2:32:05 PM. */
export function clockTime(date: Date, language: string, options: { seconds?: boolean } = {}): string {
  return options.seconds
    ? formatter(language, 's', { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(date)
    : formatter(language, 'm', { hour: '2-digit', minute: '2-digit' }).format(date);
}

/**
 * A local time as people read one beside a clock: the clock time alone when it falls on today
 * (`now`'s day), else with the day, e.g. "27 Nov, 14:32". Undefined for a text that is no time.
 */
export function localTime(iso: string | null | undefined, language: string, now: Date, options: { seconds?: boolean } = {}): string | undefined {
  const time = Date.parse(iso ?? '');
  if (!Number.isFinite(time)) return undefined;
  const date = new Date(time);
  if (date.toDateString() === now.toDateString()) return clockTime(date, language, options);
  const fields: Intl.DateTimeFormatOptions = { year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: options.seconds ? '2-digit' : undefined };
  return formatter(language, `d${fields.year ? 'y' : ''}${options.seconds ? 's' : ''}`, fields).format(date);
}
