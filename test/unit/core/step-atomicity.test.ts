import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodeIssuer } from '../../../electron/core/codes/code-issuer.js';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { effectivePolicy } from '../../../electron/core/config/effective-policy.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { createSqliteDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import type { AuditEntry } from '../../../electron/core/ports.js';
import { createPasswordJudge } from '../../../electron/core/reset/password-judge.js';
import { createResetService, type ResetService } from '../../../electron/core/reset/reset-service.js';
import { createSqliteAuditLog } from '../../../electron/core/store/audit-log.js';
import { createChallengeStore } from '../../../electron/core/store/challenges.js';
import { createContactStore } from '../../../electron/core/store/contacts.js';
import { inTransaction, type Db } from '../../../electron/core/store/database.js';
import { createThrottleRecords } from '../../../electron/core/store/throttle-records.js';
import { createThrottle } from '../../../electron/core/throttle/throttle.js';
import { codeIn, valueOf } from '../../support/core-kiosk.js';
import { dumpDatabase } from '../../support/database-dump.js';
import { openTestDatabase } from '../../support/core-store.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';
import { createTestGuessability } from '../../support/test-guessability.js';
import { waitUntil } from '../../support/wait-until.js';

const dirs = createTempDirs();
let db: Db;
let service: ResetService;
let mail: ReturnType<typeof createRecordingEmailSender>;
/** The audit fails for this event, standing in for any write that fails half-way through a step. */
let failOn: string | null;

beforeEach(async () => {
  const dir = dirs.make();
  db = openTestDatabase(dir);
  const clock = createTestClock();
  const random = createSeededRandom();
  const hasher = createArgon2Hasher();
  const config = createDemoConfig(dir);
  await seedDemoDatabase(db, hasher, clock);
  const directory = createSqliteDirectory(db, hasher, clock);
  const sqliteAudit = createSqliteAuditLog(db, clock, config.kiosk.id);
  mail = createRecordingEmailSender();
  failOn = null;
  service = createResetService({
    store: { transaction: (work) => inTransaction(db, work), verifiedEmails: (id) => createContactStore(db).verifiedEmails(id) },
    directory,
    codes: createCodeIssuer({ challenges: createChallengeStore(db), random, clock, hmacKey: random.bytes(32), settings: config.codes }),
    throttle: createThrottle({ records: createThrottleRecords(db), clock, rules: config.throttle }),
    email: mail.sender,
    audit: {
      record(entry: AuditEntry) {
        sqliteAudit.record(entry);
        if (entry.event === failOn) throw new Error('disk I/O error');
      },
    },
    clock,
    judge: createPasswordJudge({ rules: effectivePolicy(config), guessability: createTestGuessability(), directory, hasher }),
    config,
  });
});
afterEach(async () => {
  await service.settled();
  db.close();
  dirs.removeAll();
});

describe('each step writes all or nothing', () => {
  it('a failed code request leaves no challenge, no throttle count, no audit row, and the stage as it was', async () => {
    valueOf(await service.begin('amira.khan'));
    const before = dumpDatabase(db);
    failOn = 'reset.code_requested';
    await expect(service.chooseMethod('email')).rejects.toThrow('disk I/O error');
    expect(dumpDatabase(db)).toBe(before);
    expect(mail.attempted).toEqual([]);
    expect(valueOf(await service.view()).stage).toBe('choose_method');
  });

  it('a failed code check leaves the try uncounted and the code unused', async () => {
    valueOf(await service.begin('amira.khan'));
    valueOf(await service.chooseMethod('email'));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
    const code = codeIn(mail.sent[0]!.text);
    const before = dumpDatabase(db);
    failOn = 'reset.code_checked';
    await expect(service.verifyCode('000000' === code ? '000001' : '000000')).rejects.toThrow();
    await expect(service.verifyCode(code)).rejects.toThrow();
    expect(dumpDatabase(db)).toBe(before);
    expect(valueOf(await service.view()).stage).toBe('code_sent');
    failOn = null;
    expect(valueOf(await service.verifyCode(code)).stage).toBe('new_password');
  });
});
