import { describe, expect, it } from 'vitest';
import { dosDateTime, pinZipDates, zipEntryDates } from '../../src/report/zip-dates.ts';
import { NOW, testReport } from './helpers.ts';

describe('pinZipDates', () => {
  it('rewrites every entry’s date and nothing else', async () => {
    const { xlsx } = await testReport({ draws: 50 });
    const other = new Date('2030-06-01T10:20:30Z');
    const moved = pinZipDates(xlsx, other);
    const { time, date } = dosDateTime(other);
    expect(zipEntryDates(moved).every((e) => e.time === time && e.date === date)).toBe(true);
    expect(moved.length).toBe(xlsx.length);
    const differing = [...moved].filter((b, i) => b !== xlsx[i]).length;
    // Four bytes per entry, in the local header and the central directory.
    expect(differing).toBeLessThanOrEqual(zipEntryDates(xlsx).length * 8);
    expect(pinZipDates(moved, NOW).equals(xlsx)).toBe(true);
  });

  it('encodes DOS date and time (two-second resolution, years from 1980)', () => {
    expect(dosDateTime(new Date('1980-01-01T00:00:00Z'))).toEqual({ time: 0, date: (0 << 9) | (1 << 5) | 1 });
    expect(dosDateTime(new Date('2026-01-15T12:00:59Z'))).toEqual({
      time: (12 << 11) | (0 << 5) | 29,
      date: (46 << 9) | (1 << 5) | 15,
    });
  });

  it('refuses a buffer that is not a zip', () => {
    expect(() => pinZipDates(Buffer.from('not a zip file at all, just text'), NOW)).toThrow(/not a zip/);
  });
});
