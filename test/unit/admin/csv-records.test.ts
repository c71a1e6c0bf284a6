import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, csvRecords, CsvSyntaxError, maxFieldLength, spreadsheetSafe } from '../../../tools/admin/csv-records.js';

async function read(...chunks: string[]) {
  const records = [];
  const source = (async function* () {
    yield* chunks;
  })();
  for await (const record of csvRecords(source)) records.push(record);
  return records;
}

async function failure(...chunks: string[]): Promise<CsvSyntaxError> {
  try {
    await read(...chunks);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('csvRecords (RFC 4180)', () => {
  it('reads plain and quoted fields, with commas, doubled quotes and line breaks inside quotes, numbering physical lines', async () => {
    const text = 'a,b,c\r\n"Smith, Jo","say ""hi""",x\n"two\r\nlines",,""\nlast,"",end';
    expect(await read(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['Smith, Jo', 'say "hi"', 'x'] },
      { line: 3, fields: ['two\r\nlines', '', ''] },
      { line: 5, fields: ['last', '', 'end'] },
    ]);
  });

  it('skips a byte-order mark and blank lines, and accepts a lone CR as a line end', async () => {
    expect(await read('\uFEFFname,age\r\n\r\nJo,4\rAl,5\n\n')).toEqual([
      { line: 1, fields: ['name', 'age'] },
      { line: 3, fields: ['Jo', '4'] },
      { line: 4, fields: ['Al', '5'] },
    ]);
    // A line of commas is a record of empty fields, not a blank line.
    expect(await read(',\n')).toEqual([{ line: 1, fields: ['', ''] }]);
  });

  it('reads a record split anywhere between chunks, a CRLF split included', async () => {
    const text = 'x,"a, ""b""\nc"\r\ny,z\r\n';
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(await read(text.slice(0, cut), text.slice(cut))).toEqual([
        { line: 1, fields: ['x', 'a, "b"\nc'] },
        { line: 3, fields: ['y', 'z'] },
      ]);
    }
  });

  it('names the line of bad quoting', async () => {
    expect(await failure('a,b\nab"c,d\n')).toMatchObject({ line: 2, message: expect.stringContaining('a quote inside a field that does not start with one') });
    expect(await failure('a,b\n"ab"c,d\n')).toMatchObject({ line: 2, message: expect.stringContaining('text after the closing quote') });
    expect(await failure('a,b\nc,d\n"never closed,e\nf,g\n')).toMatchObject({ line: 3, message: expect.stringContaining('never closed') });
    expect(await failure(`a,"${'x'.repeat(maxFieldLength + 1)}`)).toMatchObject({ line: 1, message: expect.stringContaining('closing quote missing') });
  });

  it('reads back whatever csvLine writes, however the text is cut into chunks (property)', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', 'é', '😀', '=') });
    const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(rows, fc.array(fc.nat(), { maxLength: 6 }), async (records, cuts) => {
        const text = records.map((fields) => csvLine(fields)).join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, index) => text.slice(start, [...points, text.length][index]));
        const read_ = await read(...chunks);
        expect(read_.map((record) => record.fields)).toEqual(records);
      }),
    );
  });
});

describe('spreadsheetSafe (CSV injection)', () => {
  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(spreadsheetSafe(formula)).toBe(`'${formula}`);
  });

  it('leaves every other cell as it is', () => {
    for (const plain of ['reset.done', '2026-11-30T05:00:00.000Z', 'a=b', '', 'k-42', "'already"]) expect(spreadsheetSafe(plain)).toBe(plain);
  });

  it('still reads back as the same text once the apostrophe is taken off', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const safe = spreadsheetSafe(value);
        expect(safe === value || safe === `'${value}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
      }),
    );
  });
});
