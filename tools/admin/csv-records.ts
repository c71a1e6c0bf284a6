/**
 * RFC 4180 CSV, read as it streams in: fields separated by commas, records by CRLF or LF (a lone CR
 * too), a field in double quotes may hold commas, quotes (doubled) and line breaks. No CSV package is
 * among the project's dependencies, and this is all the account import needs. A byte-order mark at
 * the start is skipped (spreadsheets write one). Blank lines are skipped.
 */
export interface CsvRecord {
  /** The physical line the record starts on (1-based), as an editor shows it. */
  line: number;
  fields: string[];
}

/** Bad quoting: where it happens reading goes wrong, so reading stops there, naming the line. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/** Longer than any real name or address: a field this long is almost always a quote that was never closed. */
export const maxFieldLength = 10_000;

type State = 'start' | 'unquoted' | 'quoted' | 'quote';

/** `chunks`: text as it arrives, e.g. createReadStream(file, { encoding: 'utf8' }) (which keeps split characters whole). */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let state: State = 'start';
  let field = '';
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let content = false;
  let skipLf = false;
  let first = true;

  const finish = (): CsvRecord | null => {
    fields.push(field);
    const record = content || fields.length > 1 || field !== '' ? { line: recordLine, fields } : null;
    fields = [];
    field = '';
    content = false;
    state = 'start';
    return record;
  };
  const addToField = (c: string) => {
    field += c;
    if (field.length > maxFieldLength) {
      throw new CsvSyntaxError(state === 'quoted' ? quoteLine : line, `a field longer than ${maxFieldLength} characters (is a closing quote missing?)`);
    }
  };

  for await (const chunk of chunks) {
    let text = chunk;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (const c of text) {
      if (skipLf) {
        skipLf = false;
        if (c === '\n') continue;
      }
      if (state === 'quoted') {
        if (c === '"') state = 'quote';
        else {
          addToField(c);
          if (c === '\n') line += 1;
        }
        continue;
      }
      if (state === 'quote') {
        if (c === '"') {
          addToField('"');
          state = 'quoted';
          continue;
        }
        if (c !== ',' && c !== '\n' && c !== '\r') {
          throw new CsvSyntaxError(line, 'text after the closing quote of a field (a quote inside a quoted field is written twice: "")');
        }
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        content = true;
        state = 'start';
      } else if (c === '\n' || c === '\r') {
        const record = finish();
        line += 1;
        recordLine = line;
        if (c === '\r') skipLf = true;
        if (record !== null) yield record;
      } else if (c === '"') {
        if (state !== 'start') throw new CsvSyntaxError(line, 'a quote inside a field that does not start with one (quote the whole field and write the inner quote twice: "")');
        state = 'quoted';
        quoteLine = line;
        content = true;
      } else {
        addToField(c);
        state = 'unquoted';
        content = true;
      }
    }
  }
  if (state === 'quoted') throw new CsvSyntaxError(quoteLine, 'a quoted field is never closed (its closing quote is missing)');
  const last = finish();
  if (last !== null) yield last;
}

/** One field as CSV writes it: quoted when it holds a comma, quote or line break (or starts with a space). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A cell a spreadsheet will not run: one starting with =, +, -, @, a tab or a carriage return is a
 * formula to Excel and LibreOffice (OWASP "CSV injection"), so it gets a leading apostrophe. An audit
 * record may hold what a stranger typed at the kiosk; the desk opens exports in a spreadsheet.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
