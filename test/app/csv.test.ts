import { describe, expect, it } from 'vitest';
import { escapeCsvCell, toCsv } from '../../src/app/csv.ts';

describe('escapeCsvCell', () => {
  it.each([
    // papaparse (escapeFormulae) also wraps a defused cell in double quotes; a spreadsheet reads the same text.
    ['=SUM(A1:A9)', `"'=SUM(A1:A9)"`],
    ['+1', `"'+1"`],
    ['-2+3', `"'-2+3"`],
    ['-5', `"'-5"`], // text that looks like a number is still text: defused
    ['@cmd', `"'@cmd"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('prefixes a formula-like cell %j with a quote', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks after the formula guard', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell('=HYPERLINK("x",1)')).toBe(`"'=HYPERLINK(""x"",1)"`);
  });

  it('leaves ordinary text alone, including characters that are safe after the first', () => {
    expect(escapeCsvCell('ACK + ECI virtual node')).toBe('ACK + ECI virtual node');
    expect(escapeCsvCell('a=b')).toBe('a=b');
    expect(escapeCsvCell('')).toBe('');
  });

  it('writes numbers as numbers, negative ones too, and non-finite ones as empty', () => {
    expect(escapeCsvCell(-5.25)).toBe('-5.25');
    expect(escapeCsvCell(0)).toBe('0');
    expect(escapeCsvCell(Number.NaN)).toBe('');
    expect(escapeCsvCell(Infinity)).toBe('');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
    expect(escapeCsvCell(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('joins cells with commas and rows with CRLF, escaping each cell', () => {
    expect(
      toCsv([
        ['strategy', 'cost'],
        ['=evil()', -1],
        ['a,b', 2.5],
      ]),
    ).toBe("strategy,cost\r\n\"'=evil()\",-1\r\n\"a,b\",2.5\r\n");
  });

  it('keeps negative numbers numbers (papaparse escapes only text) and writes non-finite ones empty', () => {
    expect(toCsv([[-1, -0.5, -2e-7, Number.NaN, -Infinity, 'x']], '\n')).toBe('-1,-0.5,-2e-7,,,x\n');
  });
});
