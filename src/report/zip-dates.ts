/**
 * Pins the modification date of every entry of a zip file. exceljs (through JSZip) stamps each entry
 * with the time it was added, so two otherwise identical workbooks differ in a few bytes; this
 * rewrites the DOS date and time in the local headers and the central directory (PKWARE APPNOTE
 * 4.3.7 and 4.3.12) so the same workbook is the same bytes.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function findEocd(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65 535 bytes.
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--)
    if (buf.readUInt32LE(p) === EOCD) return p;
  throw new Error('not a zip file: no end of central directory record');
}

/** Every entry's (name, DOS time, DOS date), read from the central directory. */
export function zipEntryDates(buf: Buffer): { name: string; time: number; date: number }[] {
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; time: number; date: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`zip: bad central directory entry at ${p}`);
    const nameLength = buf.readUInt16LE(p + 28);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

export function pinZipDates(input: Buffer, when: Date): Buffer {
  const buf = Buffer.from(input);
  const { time, date } = dosDateTime(when);
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`zip: bad central directory entry at ${p}`);
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`zip: bad local header at ${local}`);
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}
