import * as assert from 'node:assert/strict';
import { assertExpressionError, ev, fixedNow } from './helpers';

const HIRE = { StatusHireDate: '2012-03-16-07:00' };

describe('date functions', () => {
  describe('CDate', () => {
    it('reads dates with offsets and converts them to UTC (documented examples)', () => {
      assert.equal(ev('CDate("2020-03-16-07:00")'), '3/16/2020 7:00:00 AM');
      assert.equal(ev('CDate("2021-06-30+08:00")'), '6/29/2021 4:00:00 PM');
      assert.equal(ev('CDate("2009-06-15T01:45:30-07:00")'), '6/15/2009 8:45:30 AM');
    });
    it('reads the service text form, ISO without offset as UTC, and RFC 1123', () => {
      assert.equal(ev('CDate("8/25/2021 5:41:18 PM")'), '8/25/2021 5:41:18 PM');
      assert.equal(ev('CDate("12/31/2021 12:00:00 AM")'), '12/31/2021 12:00:00 AM');
      assert.equal(ev('CDate("2021-08-24")'), '8/24/2021 12:00:00 AM');
      assert.equal(ev('CDate("2021-08-24T13:05:00.1234567Z")'), '8/24/2021 1:05:00 PM');
      assert.equal(ev('CDate("Tue, 16 Mar 2012 07:00:00 GMT")'), '3/16/2012 7:00:00 AM');
    });
    it('gives null for null and rejects unreadable or impossible dates', () => {
      assert.equal(ev('CDate([missing])'), null);
      assertExpressionError(() => ev('CDate("yesterday")'), /Cannot read "yesterday" as a date/);
      assertExpressionError(() => ev('CDate("2021-02-30")'), /Cannot read/);
      assertExpressionError(() => ev('CDate("2021-01-01T00:00:00+15:00")'), /Cannot read/);
    });
  });

  describe('DateAdd', () => {
    it('adds intervals (documented table)', () => {
      assert.equal(ev('DateAdd("d", 7, CDate([StatusHireDate]))', HIRE), '3/23/2012 7:00:00 AM');
      assert.equal(ev('DateAdd("d", -10, CDate([StatusHireDate]))', HIRE), '3/6/2012 7:00:00 AM');
      assert.equal(ev('DateAdd("ww", 2, CDate([StatusHireDate]))', HIRE), '3/30/2012 7:00:00 AM');
      assert.equal(ev('DateAdd("m", 10, CDate([StatusHireDate]))', HIRE), '1/16/2013 7:00:00 AM');
      assert.equal(ev('DateAdd("yyyy", 2, CDate([StatusHireDate]))', HIRE), '3/16/2014 7:00:00 AM');
    });
    it('adds hours, minutes, seconds and quarters, and clamps months like AddMonths', () => {
      assert.equal(ev('DateAdd("h", 20, CDate("2021-01-01"))'), '1/1/2021 8:00:00 PM');
      assert.equal(ev('DateAdd("n", -1, CDate("2021-01-01"))'), '12/31/2020 11:59:00 PM');
      assert.equal(ev('DateAdd("s", 61, CDate("2021-01-01"))'), '1/1/2021 12:01:01 AM');
      assert.equal(ev('DateAdd("m", 1, CDate("2021-01-31"))'), '2/28/2021 12:00:00 AM');
      assert.equal(ev('DateAdd("yyyy", 1, CDate("2020-02-29"))'), '2/28/2021 12:00:00 AM');
      assert.equal(ev('DateAdd("q", 1, CDate("2020-11-30"))'), '2/28/2021 12:00:00 AM');
    });
    it('uses the injected clock for Now()', () => {
      assert.equal(ev('DateAdd("d", 1, Now())', {}, { now: fixedNow }), '7/3/2021 3:33:38 PM');
    });
    it('gives null for a null date and rejects bad intervals and out-of-range results', () => {
      assert.equal(ev('DateAdd("d", 1, CDate([missing]))'), null);
      assertExpressionError(() => ev('DateAdd("fortnight", 1, CDate("2021-01-01"))'), /Unknown interval "fortnight"/);
      assertExpressionError(() => ev('DateAdd("yyyy", 9000, CDate("2021-01-01"))'), /outside the range/);
    });
  });

  describe('DateDiff', () => {
    it('matches the documented table (VB semantics)', () => {
      assert.equal(ev('DateDiff("d", CDate("2021-08-18+08:00"), CDate("2021-08-31+08:00"))'), '13');
      const pair = 'CDate("8/25/2021 5:41:18 PM"), CDate([StatusHireDate])';
      assert.equal(ev(`DateDiff("d", ${pair})`, HIRE), '-3449');
      assert.equal(ev(`DateDiff("ww", ${pair})`, HIRE), '-493');
      assert.equal(ev(`DateDiff("m", ${pair})`, HIRE), '-113');
      assert.equal(ev(`DateDiff("yyyy", ${pair})`, HIRE), '-9');
      assert.equal(ev('DateDiff("d", CDate("2021-08-18"), CDate("2021-08-18"))'), '0');
      assert.equal(ev('DateDiff("h", CDate("2021-08-24"), CDate("2021-08-25"))'), '24');
      assert.equal(ev('DateDiff("n", CDate("2021-08-24"), CDate("2021-08-25"))'), '1440');
      assert.equal(ev('DateDiff("s", CDate("2021-08-24"), CDate("2021-08-25"))'), '86400');
    });
    it('truncates partial units toward zero and reads date strings directly', () => {
      assert.equal(ev('DateDiff("d", "2021-01-01T00:00:00Z", "2021-01-02T23:59:59Z")'), '1');
      assert.equal(ev('DateDiff("d", "2021-01-02T23:59:59Z", "2021-01-01T00:00:00Z")'), '-1');
      assert.equal(ev('DateDiff("w", "2021-01-01", "2021-01-14")'), '1');
      assert.equal(ev('DateDiff("q", "2021-03-31", "2021-04-01")'), '1');
    });
    it('supports Now() with an injected clock and passes null through', () => {
      assert.equal(ev('DateDiff("d", Now(), CDate("2021-07-12T15:33:38Z"))', {}, { now: fixedNow }), '10');
      assert.equal(ev('DateDiff("d", Now(), CDate([missing]))', {}, { now: fixedNow }), null);
    });
  });

  describe('DateFromNum', () => {
    it('reads AD large-integer dates (documented example)', () => {
      assert.equal(ev('DateFromNum(129699324000000000)'), '1/1/2012 11:00:00 PM');
      assert.equal(ev('DateFromNum([lastLogonTimestamp])', { lastLogonTimestamp: '0' }), '1/1/1601 12:00:00 AM');
      assert.equal(ev('DateFromNum([missing])'), null);
    });
    it('rejects values outside the DateTime range (such as "never expires")', () => {
      assertExpressionError(() => ev('DateFromNum(9223372036854775807)'), /outside the range/);
      assertExpressionError(() => ev('DateFromNum("abc")'), /must be a whole number/);
    });
  });

  describe('NumFromDate', () => {
    it('gives AD large-integer ticks (documented Workday example)', () => {
      const text = 'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))';
      assert.equal(ev(text, { ContractEndDate: '2020-12-31-08:00' }), '132539615990000000');
      assert.equal(ev('NumFromDate("2020-12-31T23:59:59-08:00")'), '132539615990000000');
    });
    it('reads the SuccessFactors M/d/yyyy hh:mm:ss tt shape via FormatDateTime', () => {
      const text = 'NumFromDate(FormatDateTime([endDate], , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-ddTHH:mm:ssZ"))';
      assert.equal(ev(text, { endDate: '12/31/2020 11:59:59 PM' }), ev('NumFromDate("2020-12-31T23:59:59Z")'));
      assert.equal(ev('NumFromDate("2020-12-31T23:59:59Z")'), '132539327990000000');
    });
    it('round-trips with DateFromNum and keeps sub-millisecond ticks', () => {
      assert.equal(ev('NumFromDate(DateFromNum(132539615991234567))'), '132539615991234567');
      assert.equal(ev('NumFromDate([missing])'), null);
    });
  });

  describe('FormatDateTime', () => {
    it('reformats with .NET custom formats (documented example, current and legacy forms)', () => {
      const src = { extensionAttribute1: '20150123105347.1Z' };
      assert.equal(ev('FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', src), '2015-01-23');
      assert.equal(ev('FormatDateTime([extensionAttribute1], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', src), '2015-01-23');
    });
    it('renders names, 12-hour clocks, fractions and offsets', () => {
      const src = { d: '2021-08-05T14:07:09.1230000-07:00' };
      const input = '"yyyy-MM-ddTHH:mm:ss.fffffffzzz"';
      assert.equal(ev(`FormatDateTime([d], , ${input}, "dddd, MMMM d, yyyy h:mm tt")`, src), 'Thursday, August 5, 2021 2:07 PM');
      assert.equal(ev(`FormatDateTime([d], , ${input}, "ddd dd MMM yy HH:mm:ss.fff zzz")`, src), 'Thu 05 Aug 21 14:07:09.123 -07:00');
      assert.equal(ev(`FormatDateTime([d], , ${input}, "s.FFFFFFF|s.FF|K|z|zz")`, src), '9.123|9.12|-07:00|-7|-07');
      assert.equal(ev(`FormatDateTime([d], "AdjustToUniversal", ${input}, "yyyy-MM-dd HH:mm K")`, src), '2021-08-05 21:07 Z');
      assert.equal(ev('FormatDateTime([d], , "yyyy-MM-dd", "\'Day\' d \\\\o\\\\f MMMM")', { d: '2021-01-02' }), 'Day 2 of January');
    });
    it('expands standard one-letter formats', () => {
      const src = { d: '2021-08-05 14:07:09' };
      assert.equal(ev('FormatDateTime([d], , "yyyy-MM-dd HH:mm:ss", "o")', src), '2021-08-05T14:07:09.0000000');
      assert.equal(ev('FormatDateTime([d], , "yyyy-MM-dd HH:mm:ss", "d")', src), '08/05/2021');
      assert.equal(ev('FormatDateTime([d], , "yyyy-MM-dd HH:mm:ss", "s")', src), '2021-08-05T14:07:09');
    });
    it('parses month names and AM/PM', () => {
      assert.equal(ev('FormatDateTime([d], , "MMMM d, yyyy h:mm tt", "yyyy-MM-ddTHH:mm")', { d: 'June 3, 2020 9:15 PM' }), '2020-06-03T21:15');
      assert.equal(ev('FormatDateTime([d], , "M/d/yyyy hh:mm:ss tt", "HH:mm:ss")', { d: '1/2/2020 12:30:00 AM' }), '00:30:00');
    });
    it('formats DateTime values without re-parsing them', () => {
      assert.equal(ev('FormatDateTime(CDate("2020-03-16-07:00"), , "ignored", "yyyy-MM-ddTHH:mm:ssK")'), '2020-03-16T07:00:00Z');
    });
    it('passes null through and reports mismatches and bad formats', () => {
      assert.equal(ev('FormatDateTime([missing], , "yyyy", "yyyy")'), null);
      assertExpressionError(() => ev('FormatDateTime("2021-13-01", , "yyyy-MM-dd", "yyyy")'), /does not match the input format/);
      assertExpressionError(() => ev('FormatDateTime("2021", , "yyyy", "Q")'), /output format "Q" cannot be used/);
      assertExpressionError(() => ev('FormatDateTime("2021", "Sideways", "yyyy", "yyyy")'), /not a DateTimeStyles name/);
    });
  });

  describe('Now', () => {
    it('returns the injected clock in the service text form', () => {
      assert.equal(ev('Now()', {}, { now: fixedNow }), '7/2/2021 3:33:38 PM');
    });
    it('reads the real clock when none is injected', () => {
      const result = ev('Now()') as string;
      assert.match(result, /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/);
    });
  });
});
