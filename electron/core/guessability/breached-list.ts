import { readDataFile } from './data-files.js';

/**
 * The breached-password list as sorted 32-bit fingerprints, bucketed by their top 16 bits: a
 * 65,537-entry offset table plus the low 16 bits of each fingerprint. About 2 bytes per password,
 * loaded by reading one file (no parsing), looked up by a binary search in a bucket of ~20 entries.
 *
 * It is probabilistic: a password that was never breached is wrongly reported when its fingerprint
 * equals one of the n stored ones, with probability n / 2^32 (0.03% for 1.2 million entries).
 * That only ever asks someone for another password; it never lets a breached one through.
 *
 * File layout, little-endian:
 *   0  "SSPRBRL1"        magic
 *   8  u32 format        1
 *  12  u32 entries       stored fingerprints (distinct)
 *  16  u32 sourceEntries distinct passwords the fingerprints were made from
 *  20  u32 bucketBits    16
 *  24  u32 seed          hash seed
 *  28  u32 reserved      0
 *  32  u32[65537]        offsets: bucket b holds suffixes[offsets[b] .. offsets[b+1])
 *  ..  u16[entries]      low 16 bits, ascending within each bucket
 */
const magic = 'SSPRBRL1';
const formatVersion = 1;
const bucketBits = 16;
const bucketCount = 1 << bucketBits;
const headerBytes = 32;
const offsetsBytes = (bucketCount + 1) * 4;
export const breachedListSeed = 0x5eed5a17;

export class BreachedListFormatError extends Error {
  constructor(path: string, reason: string) {
    super(`The breached-password list ${path} is not usable: ${reason}. Rebuild it with \`npm run build:data\`.`);
    this.name = 'BreachedListFormatError';
  }
}

const printableAscii = /^[\u0020-\u007e]*$/;

/**
 * The form in which passwords are listed and looked up: NFKC, lower case. Leaked lists are mostly
 * lower case and capitalising the first letter is the change everyone makes, so an exact check
 * that honoured case would miss "Password123" for "password123".
 */
export function breachedKey(password: string): string {
  return (printableAscii.test(password) ? password : password.normalize('NFKC')).toLowerCase();
}

/** FNV-1a over UTF-16 units, finished with murmur3's fmix32 so that every bit depends on every input. */
export function fingerprint(key: string, seed: number = breachedListSeed): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= key.length;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Builds the file from passwords already in `breachedKey` form. Same input, same bytes. */
export function buildBreachedListBytes(keys: Iterable<string>): Buffer {
  const distinctKeys = new Set(keys);
  const prints = new Uint32Array(distinctKeys.size);
  let count = 0;
  for (const key of distinctKeys) prints[count++] = fingerprint(key);
  prints.sort();
  let unique = 0;
  for (let i = 0; i < prints.length; i += 1) {
    if (i === 0 || prints[i] !== prints[unique - 1]) prints[unique++] = prints[i] as number;
  }

  const bytes = Buffer.alloc(headerBytes + offsetsBytes + unique * 2);
  bytes.write(magic, 0, 'latin1');
  bytes.writeUInt32LE(formatVersion, 8);
  bytes.writeUInt32LE(unique, 12);
  bytes.writeUInt32LE(distinctKeys.size, 16);
  bytes.writeUInt32LE(bucketBits, 20);
  bytes.writeUInt32LE(breachedListSeed, 24);
  let bucket = 0;
  for (let i = 0; i < unique; i += 1) {
    const print = prints[i] as number;
    const own = print >>> bucketBits;
    while (bucket <= own) bytes.writeUInt32LE(i, headerBytes + 4 * bucket++);
    bytes.writeUInt16LE(print & 0xffff, headerBytes + offsetsBytes + 2 * i);
  }
  while (bucket <= bucketCount) bytes.writeUInt32LE(unique, headerBytes + 4 * bucket++);
  return bytes;
}

export interface BreachedList {
  has(password: string): boolean;
  /** Distinct fingerprints stored. */
  readonly entries: number;
  /** Distinct passwords the list was built from. */
  readonly sourceEntries: number;
  /** Bytes held in memory. */
  readonly bytes: number;
}

export function parseBreachedList(file: Buffer, path = '(in memory)'): BreachedList {
  if (file.length < headerBytes + offsetsBytes || file.toString('latin1', 0, 8) !== magic) {
    throw new BreachedListFormatError(path, 'unknown file format');
  }
  if (file.readUInt32LE(8) !== formatVersion || file.readUInt32LE(20) !== bucketBits) {
    throw new BreachedListFormatError(path, 'unsupported format version');
  }
  const entries = file.readUInt32LE(12);
  const sourceEntries = file.readUInt32LE(16);
  const seed = file.readUInt32LE(24);
  if (file.length !== headerBytes + offsetsBytes + entries * 2) {
    throw new BreachedListFormatError(path, 'truncated or padded file');
  }
  // Typed-array views need aligned offsets; a Buffer from the shared pool may not be aligned.
  const aligned = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const offsets = new Uint32Array(aligned.buffer, aligned.byteOffset + headerBytes, bucketCount + 1);
  const suffixes = new Uint16Array(aligned.buffer, aligned.byteOffset + headerBytes + offsetsBytes, entries);
  if (offsets[bucketCount] !== entries) throw new BreachedListFormatError(path, 'offset table does not match');

  return {
    entries,
    sourceEntries,
    bytes: aligned.length,
    has(password) {
      const print = fingerprint(breachedKey(password), seed);
      const wanted = print & 0xffff;
      let low = offsets[print >>> bucketBits] as number;
      let high = (offsets[(print >>> bucketBits) + 1] as number) - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const value = suffixes[middle] as number;
        if (value === wanted) return true;
        if (value < wanted) low = middle + 1;
        else high = middle - 1;
      }
      return false;
    },
  };
}

export function loadBreachedList(path: string): BreachedList {
  return parseBreachedList(readDataFile(path, (reason) => new BreachedListFormatError(path, reason)), path);
}
