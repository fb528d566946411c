/**
 * Searches a browser profile folder for personal text, the way someone holding a lost laptop's
 * disk would: every file, raw, for each needle in UTF-8, UTF-16LE and Latin-1; and, in the
 * storage folders (IndexedDB, Session Storage, Local Storage: LevelDB .log / .ldb files and blob
 * files), inside every Snappy-compressed stream found at any offset. LevelDB compresses its table
 * blocks (.ldb) with Snappy and Chromium may compress large IndexedDB values with Snappy too: a
 * block or value starts with its uncompressed length as a varint, so trying a decompression at
 * every offset finds both without parsing either format (decoding is strict: a stream is kept
 * only when it decodes exactly to its announced length).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Encoding = 'utf8' | 'utf16le' | 'latin1';

export interface Hit {
  needle: string;
  file: string;
  encoding: Encoding;
  /** `raw` bytes of the file, or inside a Snappy stream starting at `offset`. */
  where: 'raw' | 'snappy';
  offset?: number;
}

export interface ScanReport {
  hits: Hit[];
  files: number;
  bytes: number;
  /** Files searched inside Snappy streams too, and how many streams were decoded. */
  snappyFiles: number;
  snappyStreams: number;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function encodingsOf(needle: string): [Encoding, Buffer][] {
  const forms: [Encoding, Buffer][] = [
    ['utf8', Buffer.from(needle, 'utf8')],
    ['utf16le', Buffer.from(needle, 'utf16le')],
  ];
  // V8 stores a string with only Latin-1 characters one byte per character: for ASCII text that is
  // the UTF-8 form, for accented text (é = 0xE9) it differs.
  if ([...needle].every((c) => c.charCodeAt(0) <= 0xff)) {
    const latin1 = Buffer.from(needle, 'latin1');
    if (!latin1.equals(Buffer.from(needle, 'utf8'))) forms.push(['latin1', latin1]);
  }
  return forms;
}

function readVarint(buf: Buffer, start: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  for (let i = start; i < buf.length && i < start + 5; i++) {
    const byte = buf[i] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  return null;
}

const MIN_STREAM = 24;
const MAX_STREAM = 8 * 1024 * 1024;

/** Strict Snappy (raw format) decompression starting at `start`; null when it is not a stream. */
export function snappyAt(buf: Buffer, start: number): Buffer | null {
  const header = readVarint(buf, start);
  if (!header) return null;
  const length = header.value;
  if (length < MIN_STREAM || length > MAX_STREAM) return null;
  // Snappy expands at most ~22 times (a 64-byte copy from a 3-byte element).
  if (length > (buf.length - header.next) * 22) return null;
  const out = Buffer.allocUnsafe(length);
  let produced = 0;
  let i = header.next;
  while (produced < length) {
    if (i >= buf.length) return null;
    const tag = buf[i++] as number;
    const type = tag & 3;
    if (type === 0) {
      let len = (tag >> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (i + extra > buf.length) return null;
        len = 0;
        for (let k = 0; k < extra; k++) len += (buf[i + k] as number) * 2 ** (8 * k);
        len += 1;
        i += extra;
      }
      if (i + len > buf.length || produced + len > length) return null;
      buf.copy(out, produced, i, i + len);
      produced += len;
      i += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (type === 1) {
      if (i >= buf.length) return null;
      len = 4 + ((tag >> 2) & 7);
      offset = ((tag >> 5) << 8) | (buf[i++] as number);
    } else if (type === 2) {
      if (i + 2 > buf.length) return null;
      len = 1 + (tag >> 2);
      offset = buf.readUInt16LE(i);
      i += 2;
    } else {
      if (i + 4 > buf.length) return null;
      len = 1 + (tag >> 2);
      offset = buf.readUInt32LE(i);
      i += 4;
    }
    if (offset === 0 || offset > produced || produced + len > length) return null;
    for (let k = 0; k < len; k++) out[produced + k] = out[produced - offset + k] as number;
    produced += len;
  }
  return out;
}

/** Files whose content may be Snappy-compressed: the browser's storage folders. */
function isStorageFile(relativePath: string): boolean {
  return /(IndexedDB|Session Storage|Local Storage|leveldb)/i.test(relativePath);
}

export function scanFolder(dir: string, needles: readonly string[]): ScanReport {
  const forms = needles.flatMap((needle) =>
    encodingsOf(needle).map(([encoding, bytes]) => ({ needle, encoding, bytes })),
  );
  const report: ScanReport = { hits: [], files: 0, bytes: 0, snappyFiles: 0, snappyStreams: 0 };
  const seen = new Set<string>();
  const record = (hit: Hit) => {
    const key = `${hit.needle}|${hit.file}|${hit.encoding}|${hit.where}`;
    if (seen.has(key)) return;
    seen.add(key);
    report.hits.push(hit);
  };
  for (const path of listFiles(dir)) {
    let content: Buffer;
    try {
      if (statSync(path).size > 64 * 1024 * 1024) continue;
      content = readFileSync(path);
    } catch {
      continue; // A lock file or socket that vanished: nothing to read.
    }
    const file = relative(dir, path);
    report.files += 1;
    report.bytes += content.length;
    for (const form of forms) {
      if (content.includes(form.bytes)) {
        record({ needle: form.needle, file, encoding: form.encoding, where: 'raw' });
      }
    }
    if (!isStorageFile(file)) continue;
    report.snappyFiles += 1;
    for (let offset = 0; offset < content.length; offset++) {
      const stream = snappyAt(content, offset);
      if (!stream) continue;
      report.snappyStreams += 1;
      for (const form of forms) {
        if (stream.includes(form.bytes)) {
          record({ needle: form.needle, file, encoding: form.encoding, where: 'snappy', offset });
        }
      }
    }
  }
  return report;
}

/** A birth date as stored (YYYY-MM-DD) and as shown or typed in France (DD/MM/YYYY). */
export function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-');
  return [iso, `${d}/${m}/${y}`];
}
