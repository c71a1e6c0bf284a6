import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import type { Tx } from '../../electron/core/store/store.js';
import { systemClock } from '../../electron/core/system.js';
import { checkRow, describeProblem, readHeader, type ImportedPerson, type ImportHeader, type RowProblem } from './account-import-rows.js';
import { existingUsernameKeys, insertImportedPeople, type ReadyPerson } from './account-import-write.js';
import { parseFlags, takeSwitch, UsageError } from './args.js';
import { csvRecords, CsvSyntaxError } from './csv-records.js';
import { openDeployment, type Deployment } from './open-deployment.js';
import { createProgress } from './progress.js';
import type { CommandIo } from './technician-commands.js';

export const accountsUsage = [
  'accounts import FILE.csv --config FILE [--dry-run]  adds people to the kiosk\'s own directory, all or none (columns: username, first_name, last_name, personal_email, mobile, password or password_hash)',
];

export interface ImportIo extends CommandIo {
  /** Problems and progress (stderr): stdout keeps the one-line result. */
  errors: Writable;
  /** How the file is opened; a test may count the chunks it reads. */
  openFile?: (file: string) => ReadStream;
}

/** Listing every problem of a 20,000-row file helps nobody; the count of the rest still says how bad it is. */
export const shownProblems = 50;

/**
 * `accounts import`: every row is checked first (shape, duplicates in the file and against the
 * store), then, only if none has a problem, the passwords are hashed and all people are written in
 * one transaction. A bad file changes nothing, so fixing it and running the command again is safe.
 */
export async function runAccountsImport(args: readonly string[], io: ImportIo): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('--')) throw new UsageError('accounts import needs the CSV file first: accounts import FILE.csv --config FILE');
  const [dryRun, flagArgs] = takeSwitch(rest, 'dry-run');
  const flags = parseFlags(flagArgs, ['config']);
  const size = fileSize(file);
  const clock = io.clock ?? systemClock;
  const deployment = await openDeployment(flags.get('config'), io.env, clock);
  try {
    refuseOtherDirectories(deployment);
    const checked = await checkFile(file, size, deployment, io);
    if (checked.problems.length > 0) {
      reportProblems(checked.problems, io.errors);
      return 1;
    }
    if (dryRun) {
      io.output.write(`${JSON.stringify({ dryRun: true, valid: checked.people.length })}\n`);
      return 0;
    }
    const ready = await withHashes(checked.people, deployment, io.errors);
    const at = clock.now().toISOString();
    await writeAll(deployment, async (tx) => {
      await insertImportedPeople(tx, ready, at);
      await deployment.audit.record(tx, {
        event: 'accounts.imported',
        outcome: 'ok',
        actor: 'admin',
        detail: {
          accounts: ready.length,
          emails: ready.filter((person) => person.email !== null).length,
          mobiles: ready.filter((person) => person.mobile !== null).length,
          passwords: checked.people[0] !== undefined && 'hash' in checked.people[0].password ? 'hashes' : 'set',
        },
      });
    });
    io.output.write(`${JSON.stringify({ imported: ready.length })}\n`);
    return 0;
  } finally {
    await deployment.close();
  }
}

/** The one transaction; a name taken meanwhile (another kiosk, another import) is said in words. */
async function writeAll(deployment: Deployment, work: (tx: Tx) => Promise<void>): Promise<void> {
  try {
    await deployment.store.run(work);
  } catch (error) {
    if (/unique|duplicate key/i.test(error instanceof Error ? error.message : '')) {
      throw new Error('an account with one of these usernames was added while the import ran; nothing was imported (run it again to see which)');
    }
    throw error;
  }
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error(`${file} is not a file`);
    return stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${file} does not exist`);
    throw error;
  }
}

function refuseOtherDirectories(deployment: Deployment): void {
  const { kind } = deployment.config.directory;
  if (kind === 'sqlite') return;
  const where = kind === 'ldap' ? 'the LDAP directory' : 'Active Directory';
  throw new Error(
    `accounts import adds people to the kiosk's own directory (directory.kind: sqlite), but this kiosk's people live in ${where} (directory.kind: ${kind}): add them there; nothing was imported`,
  );
}

/** Pass one, as the file streams in: the header, every row, duplicates in the file, then against the store. */
async function checkFile(file: string, size: number, deployment: Deployment, io: ImportIo): Promise<{ people: ImportedPerson[]; problems: RowProblem[] }> {
  const stream = (io.openFile ?? ((path: string) => createReadStream(path, { encoding: 'utf8' })))(file);
  const rules = { blockedEmailDomains: deployment.config.registration.blockedEmailDomains, defaultRegion: deployment.config.sms.defaultRegion };
  const progress = createProgress(io.errors, 'Checking', size, 'rows');
  const people: ImportedPerson[] = [];
  const problems: RowProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let header: ImportHeader | null = null;
  let rows = 0;
  try {
    for await (const record of csvRecords(stream)) {
      if (header === null) {
        const read = readHeader(record);
        if ('problems' in read) return { people, problems: read.problems };
        header = read;
        continue;
      }
      rows += 1;
      const checked = checkRow(record, header, rules);
      problems.push(...checked.problems);
      if (checked.usernameKey !== null) {
        const earlier = firstLineOf.get(checked.usernameKey);
        if (earlier !== undefined) problems.push({ line: record.line, column: 'username', problem: `is the same username as on line ${earlier} (usernames are matched ignoring case)` });
        else {
          firstLineOf.set(checked.usernameKey, record.line);
          if (checked.person !== null) people.push(checked.person);
        }
      }
      progress.update(stream.bytesRead, rows);
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { people, problems: [...problems, { line: error.line, column: null, problem: `cannot be read as CSV: ${error.problem}` }] };
    throw error;
  } finally {
    stream.destroy();
  }
  progress.finish(rows);
  if (header === null) return { people, problems: [{ line: 1, column: null, problem: 'is missing: the file is empty (a header row is required)' }] };
  if (rows === 0) problems.push({ line: 2, column: null, problem: 'is missing: the file has a header but no people' });
  const taken = await deployment.store.read((db) => existingUsernameKeys(db, people.map((person) => person.usernameKey)));
  for (const person of people) {
    if (taken.has(person.usernameKey)) problems.push({ line: person.line, column: 'username', problem: 'belongs to an account the kiosk already has' });
  }
  problems.sort((a, b) => a.line - b.line);
  return { people, problems };
}

function reportProblems(problems: readonly RowProblem[], errors: Writable): void {
  errors.write(`Nothing was imported: ${problems.length} problem(s) in the file.\n`);
  for (const problem of problems.slice(0, shownProblems)) errors.write(`${describeProblem(problem)}\n`);
  if (problems.length > shownProblems) errors.write(`... and ${problems.length - shownProblems} more problem(s) not shown.\n`);
}

/** Pass two: starting passwords hashed with the kiosk's own argon2 parameters, a few at a time (one per core). */
async function withHashes(people: readonly ImportedPerson[], deployment: Deployment, errors: Writable): Promise<ReadyPerson[]> {
  const ready: ReadyPerson[] = people.map(({ password, line: _line, ...person }) => ({ ...person, passwordHash: 'hash' in password ? password.hash : '' }));
  const toHash = people.flatMap((person, index) => ('plain' in person.password ? [{ index, plain: person.password.plain }] : []));
  if (toHash.length === 0) return ready;
  const hasher = createArgon2Hasher(deployment.config.hashing);
  const progress = createProgress(errors, 'Hashing passwords', toHash.length, 'passwords');
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let item = toHash[next++]; item !== undefined; item = toHash[next++]) {
      ready[item.index]!.passwordHash = await hasher.hash(item.plain);
      done += 1;
      progress.update(done, done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
  progress.finish(done);
  return ready;
}
