/** Date functions: CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, Now, NumFromDate. */
import type { DateParts } from '../dateTime';
import { addInterval, dateFromText, dateTimeToParts, diffInterval, fromFileTime, isDateTime, partsToDateTime, toFileTimeText, toInterval } from '../dateTime';
import { parseDateExact, renderDate } from '../dotnetDateFormat';
import { ExpressionError, reasonOf } from '../errors';
import type { CallSite, Implementation, Thunk } from '../runtime';
import { bigIntOf, dateOf, fail, mapText, optionalText, textOf } from '../runtime';
import type { ExpressionMessage } from '../messages';
import { msg } from '../messages';

/** The message of an engine error raised without a position, prefixed with the function's name. */
function inFunction(name: string, e: ExpressionError): ExpressionMessage {
  if (e.messageId === 'dateOutOfRange') return msg('dateOutOfRangeIn', name);
  if (e.messageId === 'adDateOutOfRange') return msg('adDateOutOfRangeIn', name, e.args[0] ?? '');
  return msg('inFunction', name, e.expressionMessage);
}

/** Re-throws date range errors at the call's position. */
function atSite<T>(site: CallSite, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExpressionError && e.offset === 0 && site.offset !== 0) throw new ExpressionError(inFunction(site.call.name, e), site.offset);
    throw e;
  }
}

const cdate: Implementation = (site) => {
  const input = site.args[0] as Thunk;
  return (src, env) => {
    const v = input(src, env);
    if (v === null) return null;
    if (isDateTime(v)) return v;
    return mapText(v, (text) => dateFromText(text, site.offset));
  };
};

const dateAdd: Implementation = (site) => {
  const [intervalThunk, amountThunk, dateThunk] = site.args as Thunk[];
  return (src, env) => {
    const d = dateThunk(src, env);
    if (d === null) return null;
    const intervalValue = intervalThunk(src, env);
    if (intervalValue === null) fail(site, msg('intervalNull', site.call.name));
    const interval = toInterval(textOf(site, intervalValue, 0), site.offset);
    const amount = Number(bigIntOf(site, amountThunk(src, env), 1));
    return atSite(site, () => addInterval(interval, amount, dateOf(site, d, 2)));
  };
};

const dateDiff: Implementation = (site) => {
  const [intervalThunk, aThunk, bThunk] = site.args as Thunk[];
  return (src, env) => {
    const a = aThunk(src, env);
    const b = bThunk(src, env);
    if (a === null || b === null) return null;
    const intervalValue = intervalThunk(src, env);
    if (intervalValue === null) fail(site, msg('intervalNull', site.call.name));
    const interval = toInterval(textOf(site, intervalValue, 0), site.offset);
    return String(diffInterval(interval, dateOf(site, a, 1), dateOf(site, b, 2)));
  };
};

const dateFromNum: Implementation = (site) => {
  const input = site.args[0] as Thunk;
  return (src, env) => {
    const v = input(src, env);
    if (v === null) return null;
    return atSite(site, () => fromFileTime(bigIntOf(site, v, 0)));
  };
};

const numFromDate: Implementation = (site) => {
  const input = site.args[0] as Thunk;
  return (src, env) => {
    const v = input(src, env);
    if (v === null) return null;
    if (isDateTime(v)) return toFileTimeText(v);
    return mapText(v, (text) => toFileTimeText(dateFromText(text, site.offset)));
  };
};

const STYLE_NAMES = new Map(
  [
    'None', 'AllowLeadingWhite', 'AllowTrailingWhite', 'AllowInnerWhite', 'AllowWhiteSpaces', 'NoCurrentDateDefault',
    'AdjustToUniversal', 'AssumeLocal', 'AssumeUniversal', 'RoundtripKind',
  ].map((n) => [n.toLowerCase(), n]),
);

/**
 * Reads DateTimeStyles names. Decision: the names are checked; only AdjustToUniversal and
 * AssumeUniversal change the preview (the engine's local zone is UTC and white space is always allowed).
 */
function readStyles(site: CallSite, text: string | undefined): Set<string> {
  const styles = new Set<string>();
  if (!text) return styles;
  for (const raw of text.split(/[,|]/)) {
    const name = STYLE_NAMES.get(raw.trim().toLowerCase());
    if (!name) fail(site, msg('dateTimeStylesUnknown', site.call.name, raw.trim()));
    styles.add(name);
  }
  return styles;
}

function formatWith(site: CallSite, parts: DateParts, format: string): string {
  try {
    return renderDate(parts, format);
  } catch (e) {
    fail(site, msg('outputFormatUnusable', site.call.name, format, reasonOf(e)));
  }
}

const formatDateTime: Implementation = (site) => {
  const [sourceThunk, stylesThunk, inputThunk, outputThunk] = site.args as (Thunk | undefined)[];
  return (src, env) => {
    const v = (sourceThunk as Thunk)(src, env);
    if (v === null) return null;
    const styles = readStyles(site, stylesThunk ? optionalText(site, stylesThunk(src, env), 1) : undefined);
    const inputFormat = optionalText(site, (inputThunk as Thunk)(src, env), 2);
    const outputFormat = optionalText(site, (outputThunk as Thunk)(src, env), 3);
    if (inputFormat === undefined || outputFormat === undefined) fail(site, msg('formatsNull', site.call.name));
    const convert = (parts: DateParts): string => {
      let p = parts;
      if (styles.has('AssumeUniversal') && p.offsetMinutes === null) p = { ...p, offsetMinutes: 0, utc: true };
      if (styles.has('AdjustToUniversal') && p.offsetMinutes !== null) p = dateTimeToParts(atSite(site, () => partsToDateTime(p)));
      // Decision: the result keeps the wall clock and offset of the input.
      return formatWith(site, p, outputFormat);
    };
    // Decision: a DateTime value (CDate, Now…) is formatted directly, in UTC, without re-parsing.
    if (isDateTime(v)) return convert(dateTimeToParts(v));
    return mapText(v, (text) => {
      let parts: DateParts | undefined;
      try {
        parts = parseDateExact(text, inputFormat);
      } catch (e) {
        fail(site, msg('inputFormatUnusable', site.call.name, inputFormat, reasonOf(e)));
      }
      if (!parts) fail(site, msg('inputFormatMismatch', site.call.name, text, inputFormat));
      return convert(parts);
    });
  };
};

export const dateFunctions: Readonly<Record<string, Implementation>> = {
  CDate: cdate,
  DateAdd: dateAdd,
  DateDiff: dateDiff,
  DateFromNum: dateFromNum,
  FormatDateTime: formatDateTime,
  Now: () => (_src, env) => env.now(),
  NumFromDate: numFromDate,
};
