import type { Kysely } from 'kysely';
import type { Database } from '../store/database-schema.js';
import { chainStart, sealOf } from './audit-seal.js';
import { auditRows, type AuditRow } from './audit-rows.js';

export type ChainProblemKind = 'edited' | 'deleted' | 'reordered' | 'broken_link' | 'truncated';

export interface ChainProblem {
  kind: ChainProblemKind;
  kioskId: string;
  /** The record where the walk noticed it (absent for a truncated end). */
  recordId?: number;
  seq?: number;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  records: number;
  /** Records written before the chain existed (seq 0): counted, not checkable. */
  unchained: number;
  kiosks: { kioskId: string; firstSeq: number; lastSeq: number }[];
  problem: ChainProblem | null;
}

interface KioskWalk {
  expectedSeq: number;
  prevHash: string;
  firstSeq: number | null;
}

const batchSize = 1000;

/**
 * Walks every kiosk's chain in insertion order and reports the first record that was edited, deleted
 * or moved: a seal that does not match its fields (edited), a gap in the sequence (deleted), a
 * sequence that goes back (reordered), a record that does not link to the one before (broken link),
 * or a chain head pointing past the last record (records removed from the end).
 */
export async function verifyAuditChain(db: Kysely<Database>, chainKey: Buffer): Promise<ChainReport> {
  const anchors = new Map((await db.selectFrom('audit_anchors').selectAll().execute()).map((row) => [row.kiosk_id, row]));
  const walks = new Map<string, KioskWalk>();
  const walkOf = (kioskId: string): KioskWalk => {
    let walk = walks.get(kioskId);
    if (walk === undefined) {
      const anchor = anchors.get(kioskId);
      walk = { expectedSeq: anchor === undefined ? 1 : Number(anchor.seq) + 1, prevHash: anchor?.hash ?? chainStart, firstSeq: null };
      walks.set(kioskId, walk);
    }
    return walk;
  };
  let records = 0;
  let unchained = 0;
  const report = (problem: ChainProblem | null): ChainReport => ({
    ok: problem === null,
    records,
    unchained,
    kiosks: [...walks].map(([kioskId, walk]) => ({ kioskId, firstSeq: walk.firstSeq ?? 0, lastSeq: walk.expectedSeq - 1 })),
    problem,
  });

  const present = await sequencesPresent(db);
  for (let afterId = 0; ; ) {
    const batch = await auditRows.batch(db, afterId, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      afterId = row.id;
      records += 1;
      if (row.seq === 0) {
        unchained += 1;
        continue;
      }
      const problem = checkRow(row, walkOf(row.kioskId), chainKey, present.get(row.kioskId) ?? new Set());
      if (problem !== null) return report(problem);
    }
  }

  const heads = await db.selectFrom('audit_chain_heads').selectAll().execute();
  for (const head of heads) {
    const walk = walkOf(head.kiosk_id);
    if (Number(head.seq) !== walk.expectedSeq - 1 || head.hash !== walk.prevHash) {
      return report({
        kind: 'truncated',
        kioskId: head.kiosk_id,
        message: `kiosk ${head.kiosk_id}: the chain head says record ${head.seq} is the newest, but the records end at ${walk.expectedSeq - 1}: records were deleted from the end`,
      });
    }
  }
  return report(null);
}

/** Every (kiosk, number) in the table, so a missing number can be told from one that moved. */
async function sequencesPresent(db: Kysely<Database>): Promise<Map<string, Set<number>>> {
  const present = new Map<string, Set<number>>();
  for (let afterId = 0; ; ) {
    const rows = await db.selectFrom('audit_log').select(['id', 'kiosk_id', 'seq']).where('id', '>', afterId).orderBy('id').limit(10 * batchSize).execute();
    if (rows.length === 0) return present;
    for (const row of rows) {
      afterId = Number(row.id);
      let seqs = present.get(row.kiosk_id);
      if (seqs === undefined) present.set(row.kiosk_id, (seqs = new Set()));
      seqs.add(Number(row.seq));
    }
  }
}

function checkRow(row: AuditRow, walk: KioskWalk, chainKey: Buffer, present: Set<number>): ChainProblem | null {
  const at = { kioskId: row.kioskId, recordId: row.id, seq: row.seq };
  const fields = {
    kioskId: row.kioskId,
    seq: row.seq,
    at: row.at,
    event: row.event,
    username: row.username,
    nameKey: row.nameKey,
    outcome: row.outcome,
    actor: row.actor,
    detail: row.detailText,
  };
  if (sealOf(chainKey, row.prevHash, fields) !== row.hash) {
    return { ...at, kind: 'edited', message: `record ${row.id} (kiosk ${row.kioskId}, number ${row.seq}) was changed after it was written` };
  }
  if (row.seq > walk.expectedSeq && present.has(walk.expectedSeq)) {
    return { ...at, kind: 'reordered', message: `record ${row.id} (kiosk ${row.kioskId}, number ${row.seq}) comes before number ${walk.expectedSeq}: records were moved` };
  }
  if (row.seq > walk.expectedSeq) {
    const missing = row.seq - walk.expectedSeq === 1 ? `number ${walk.expectedSeq} is` : `numbers ${walk.expectedSeq} to ${row.seq - 1} are`;
    return { ...at, kind: 'deleted', message: `kiosk ${row.kioskId}: record ${missing} missing before record ${row.id}` };
  }
  if (row.seq < walk.expectedSeq) {
    return { ...at, kind: 'reordered', message: `record ${row.id} (kiosk ${row.kioskId}, number ${row.seq}) is out of order: number ${walk.expectedSeq} was expected` };
  }
  if (row.prevHash !== walk.prevHash) {
    return { ...at, kind: 'broken_link', message: `record ${row.id} (kiosk ${row.kioskId}, number ${row.seq}) does not follow the record before it` };
  }
  walk.firstSeq ??= row.seq;
  walk.expectedSeq += 1;
  walk.prevHash = row.hash;
  return null;
}
