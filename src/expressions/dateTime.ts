/**
 * DateTime values: always UTC, 100-ns tick precision, years 1–9999 like .NET, with
 * our own calendar arithmetic so that nothing depends on the JS Date parser or the machine's zone.
 */
import { ExpressionError } from './errors';
import { msg } from './messages';

const MS_PER_DAY = 86_400_000;
/** Milliseconds from 0001-01-01 to 1970-01-01 (the .NET/JS epochs). */
const MIN_MS = -62_135_596_800_000;
/** Milliseconds from 1970-01-01 to 10000-01-01 (just past DateTime.MaxValue). */
const MAX_MS_EXCLUSIVE = 253_402_300_800_000;
/** 100-ns ticks from 1601-01-01 (AD large-integer epoch) to 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/** An instant in UTC: milliseconds since 1970 plus the 100-ns ticks below one millisecond. */
export class DateTime {
  constructor(
    readonly ms: number,
    readonly subTicks = 0,
  ) {}
}

/** True when `v` is a DateTime value. */
export function isDateTime(v: unknown): v is DateTime {
  return v instanceof DateTime;
}

/** Wall-clock fields of a date, with the offset it was written in (null when it carried none). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second in 100-ns ticks (0–9,999,999). */
  fraction: number;
  /** Minutes east of UTC, or null when the text had no offset. */
  offsetMinutes: number | null;
  /** True when the zone was written as `Z` or the value came from a UTC DateTime. */
  utc: boolean;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Calendar date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Builds a DateTime, rejecting anything outside .NET's range (years 1–9999). */
export function makeDateTime(ms: number, subTicks = 0): DateTime {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms >= MAX_MS_EXCLUSIVE) {
    throw new ExpressionError(msg('dateOutOfRange'), 0);
  }
  return new DateTime(ms, subTicks);
}

/** The UTC instant that wall-clock parts denote (their offset subtracted; no offset means UTC). */
export function partsToDateTime(p: DateParts): DateTime {
  const days = daysFromCivil(p.year, p.month, p.day);
  const msOfDay = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + Math.floor(p.fraction / 10_000);
  // Decision: text without an offset is UTC.
  const offsetMs = (p.offsetMinutes ?? 0) * 60_000;
  return makeDateTime(days * MS_PER_DAY + msOfDay - offsetMs, p.fraction % 10_000);
}

/** UTC wall-clock parts of a DateTime. */
export function dateTimeToParts(d: DateTime): DateParts {
  const days = Math.floor(d.ms / MS_PER_DAY);
  let rest = d.ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  rest -= second * 1000;
  return { year, month, day, hour, minute, second, fraction: rest * 10_000 + d.subTicks, offsetMinutes: 0, utc: true };
}

/** The service's text form of a DateTime: `M/d/yyyy h:mm:ss tt`, invariant culture, UTC. */
export function formatDateTimeText(d: DateTime): string {
  const p = dateTimeToParts(d);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${p.month}/${p.day}/${String(p.year).padStart(4, '0')} ${h12}:${pad2(p.minute)}:${pad2(p.second)} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** AD large-integer (100-ns ticks since 1601-01-01 UTC) of a DateTime, as decimal text. */
export function toFileTimeText(d: DateTime): string {
  return (BigInt(d.ms) * 10_000n + BigInt(d.subTicks) + FILETIME_UNIX_EPOCH).toString();
}

/** DateTime of an AD large-integer date given as decimal text. */
export function fromFileTime(ticks: bigint): DateTime {
  const sinceUnix = ticks - FILETIME_UNIX_EPOCH;
  let ms = sinceUnix / 10_000n;
  let sub = sinceUnix % 10_000n;
  if (sub < 0n) {
    sub += 10_000n;
    ms -= 1n;
  }
  if (ticks < 0n || ms >= BigInt(MAX_MS_EXCLUSIVE)) {
    throw new ExpressionError(msg('adDateOutOfRange', String(ticks)), 0);
  }
  return makeDateTime(Number(ms), Number(sub));
}

const ISO_DATE =
  /^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ]+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,7}))?)?)?\s*(?<z>Z|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const US_DATE =
  /^(?<mo>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})(?:\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d{1,7}))?)?\s*(?<ap>[AP]M)?)?\s*(?<z>Z|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const RFC1123 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3,9})\s+(?<y>\d{4})(?:\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?)?\s*(?<z>GMT|UTC|Z|[+-]\d{2}:?\d{2})?$/i;

/** English month names (invariant culture). */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** English day names, Sunday first (invariant culture). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Parses a `±hh[:mm]` offset (or Z) into minutes east of UTC; undefined when out of range. */
function parseOffset(text: string): number | undefined {
  if (/^(?:Z|GMT|UTC)$/i.test(text)) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60 || Number(m[3] ?? 0) > 59) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Reads the date/time strings the docs feed to CDate, DateDiff and NumFromDate: ISO 8601 (also the
 * Workday date-with-offset form `2020-03-16-07:00` and a space instead of `T`), the service's own
 * `M/d/yyyy h:mm:ss tt`, and RFC 1123. This is the documented subset of .NET's lenient DateTime.Parse,
 * not all of it. Returns undefined when the text is none of these.
 * Decision: both `2020-12-31 23:59:59-08:00` (current NumFromDate example) and
 * `2020-12-31T23:59:59-08:00` (older docs) are accepted.
 */
export function parseDateText(text: string): DateParts | undefined {
  const trimmed = text.trim();
  const m = ISO_DATE.exec(trimmed) ?? US_DATE.exec(trimmed) ?? RFC1123.exec(trimmed);
  const g = m?.groups;
  if (!g) return undefined;
  let month = Number(g.mo);
  if (g.mon !== undefined) {
    month = MONTH_NAMES.findIndex((n) => n.toLowerCase().startsWith(g.mon.toLowerCase()) && g.mon.length >= 3) + 1;
  }
  const parts: DateParts = {
    year: Number(g.y),
    month,
    day: Number(g.d),
    hour: Number(g.h ?? 0),
    minute: Number(g.mi ?? 0),
    second: Number(g.s ?? 0),
    fraction: g.f ? Number(g.f.padEnd(7, '0')) : 0,
    offsetMinutes: null,
    utc: false,
  };
  if (g.ap !== undefined) {
    if (parts.hour < 1 || parts.hour > 12) return undefined;
    parts.hour = (parts.hour % 12) + (g.ap.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (g.z !== undefined) {
    const offset = parseOffset(g.z);
    if (offset === undefined) return undefined;
    parts.offsetMinutes = offset;
    parts.utc = /^(?:Z|GMT|UTC)$/i.test(g.z);
  }
  return validParts(parts) ? parts : undefined;
}

/** True when the fields form a real date and time. */
export function validParts(p: DateParts): boolean {
  return (
    p.year >= 1 &&
    p.year <= 9999 &&
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month) &&
    p.hour <= 23 &&
    p.minute <= 59 &&
    p.second <= 59
  );
}

/** Reads a date/time string as a UTC DateTime, or throws a readable error at `offset`. */
export function dateFromText(text: string, offset: number): DateTime {
  const parts = parseDateText(text);
  if (!parts) {
    throw new ExpressionError(
      msg('dateUnreadable', text.length > 60 ? text.slice(0, 60) + '…' : text),
      offset,
    );
  }
  try {
    return partsToDateTime(parts);
  } catch (e) {
    if (e instanceof ExpressionError) throw new ExpressionError(e.expressionMessage, offset);
    throw e;
  }
}

/** Intervals of DateAdd/DateDiff (VB `DateInterval` letters). */
export type Interval = 'yyyy' | 'q' | 'm' | 'y' | 'd' | 'w' | 'ww' | 'h' | 'n' | 's';

const INTERVALS = new Set<string>(['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's']);

/**
 * Validates an interval name. Decision: besides the seven documented intervals, VB's `q` (quarter),
 * `y` (day of year) and `w` (weekday) are accepted because the service calls VB's DateAdd/DateDiff;
 * names are matched case-insensitively like VB does.
 */
export function toInterval(text: string, offset: number): Interval {
  const lower = text.toLowerCase();
  if (INTERVALS.has(lower)) return lower as Interval;
  throw new ExpressionError(msg('intervalUnknown', text), offset);
}

/** VB DateAdd: calendar intervals clamp to the end of the month like .NET AddMonths. */
export function addInterval(interval: Interval, amount: number, d: DateTime): DateTime {
  switch (interval) {
    case 'yyyy':
      return addMonths(d, amount * 12);
    case 'q':
      return addMonths(d, amount * 3);
    case 'm':
      return addMonths(d, amount);
    case 'y':
    case 'd':
    case 'w':
      return makeDateTime(d.ms + amount * MS_PER_DAY, d.subTicks);
    case 'ww':
      return makeDateTime(d.ms + amount * 7 * MS_PER_DAY, d.subTicks);
    case 'h':
      return makeDateTime(d.ms + amount * 3_600_000, d.subTicks);
    case 'n':
      return makeDateTime(d.ms + amount * 60_000, d.subTicks);
    case 's':
      return makeDateTime(d.ms + amount * 1000, d.subTicks);
  }
}

function addMonths(d: DateTime, months: number): DateTime {
  const days = Math.floor(d.ms / MS_PER_DAY);
  const msOfDay = d.ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  if (newYear < 1 || newYear > 9999) throw new ExpressionError(msg('dateOutOfRange'), 0);
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return makeDateTime(daysFromCivil(newYear, newMonth, newDay) * MS_PER_DAY + msOfDay, d.subTicks);
}

/**
 * VB DateDiff (Microsoft's DateDiff reference): d/y, h, n, s are whole units of the exact span
 * truncated toward zero; w is whole weeks of that span; ww counts week boundaries (both dates moved
 * back to their Sunday); m, q and yyyy compare calendar fields only.
 */
export function diffInterval(interval: Interval, a: DateTime, b: DateTime): number {
  const spanMs = b.ms - a.ms + (b.subTicks - a.subTicks) / 10_000;
  switch (interval) {
    case 'd':
    case 'y':
      return Math.trunc(spanMs / MS_PER_DAY);
    case 'w':
      return Math.trunc(Math.trunc(spanMs / MS_PER_DAY) / 7);
    case 'h':
      return Math.trunc(spanMs / 3_600_000);
    case 'n':
      return Math.trunc(spanMs / 60_000);
    case 's':
      return Math.trunc(spanMs / 1000);
    case 'ww': {
      const dayA = Math.floor(a.ms / MS_PER_DAY);
      const dayB = Math.floor(b.ms / MS_PER_DAY);
      // 1970-01-01 was a Thursday: (day + 4) mod 7 is the weekday with Sunday = 0.
      const sundayA = dayA - mod(dayA + 4, 7);
      const sundayB = dayB - mod(dayB + 4, 7);
      return Math.trunc((sundayB - sundayA) / 7);
    }
    case 'm':
    case 'q':
    case 'yyyy': {
      const pa = civilFromDays(Math.floor(a.ms / MS_PER_DAY));
      const pb = civilFromDays(Math.floor(b.ms / MS_PER_DAY));
      if (interval === 'yyyy') return pb.year - pa.year;
      if (interval === 'm') return (pb.year - pa.year) * 12 + (pb.month - pa.month);
      return (pb.year - pa.year) * 4 + (Math.floor((pb.month - 1) / 3) - Math.floor((pa.month - 1) / 3));
    }
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** DateTime of a JS Date (for Now()). */
export function fromJsDate(date: Date): DateTime {
  return makeDateTime(date.getTime());
}
