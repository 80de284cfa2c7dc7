import { describe, expect, it } from 'vitest';
import { createTraceImporter, importTraceText } from '../../src/trace/importer.ts';
import type { TraceImportResult } from '../../src/trace/report.ts';

/**
 * Issue 18 item 4: line breaks are read per line. A file whose header ends in CRLF and whose rows
 * end in LF (or the other way round, or with old-Mac CRs) must give one pod per row.
 */
const pods = (r: TraceImportResult) => {
  const t = r.table;
  return Array.from({ length: t.count }, (_, i) => [t.arrival[i], t.duration[i], t.cpu[i], t.mem[i], t.classNames[t.cls[i]]]);
};

/** Three pods, written out by hand: arrivals 0, 5, 9 s, one web, two batch. */
const EXPECTED = [
  [0, 60, 500, 512, 'web'],
  [5, 30, 250, 256, 'batch'],
  [9, 10, 1000, 1024, 'batch'],
];
const HEADER = 'arrival_s,duration_s,cpu_m,mem_mib,class';
const ROWS = ['0,60,500,512,web', '5,30,250,256,batch', '9,10,1000,1024,batch'];

function importInPieces(text: string, pieceChars: number): TraceImportResult {
  const importer = createTraceImporter(undefined, { fileName: 'pieces.csv' });
  for (let i = 0; i < text.length; i += pieceChars) importer.push(text.slice(i, i + pieceChars));
  return importer.finish();
}

describe('line endings are read per line', () => {
  const files: Record<string, string> = {
    'CRLF header, LF rows': `${HEADER}\r\n${ROWS.join('\n')}\n`,
    'LF header, CRLF rows': `${HEADER}\n${ROWS.join('\r\n')}\r\n`,
    'CR header, LF rows': `${HEADER}\r${ROWS.join('\n')}`,
    'every row its own ending': `${HEADER}\r\n${ROWS[0]}\n${ROWS[1]}\r${ROWS[2]}\r\n`,
    'all CRLF': `${HEADER}\r\n${ROWS.join('\r\n')}\r\n`,
    'all CR (old Mac)': `${HEADER}\r${ROWS.join('\r')}\r`,
  };
  for (const [name, text] of Object.entries(files)) {
    it(`${name}: three pods, no stray CR in a class name`, () => {
      const r = importTraceText(text, undefined, { fileName: 'mixed.csv' });
      expect(r.report.accepted).toBe(3);
      expect(r.report.rejected).toBe(0);
      expect(r.report.blankLines).toBe(0);
      expect(pods(r)).toEqual(EXPECTED);
    });
    it(`${name}: the same when fed one character at a time (a CRLF cut between two pieces)`, () => {
      expect(pods(importInPieces(text, 1))).toEqual(EXPECTED);
      expect(pods(importInPieces(text, 7))).toEqual(EXPECTED);
    });
  }

  it('line numbers count each CRLF, LF or CR once', () => {
    // Line 1 header (CRLF), line 2 good (LF), line 3 bad (CR), line 4 good (CRLF), line 5 bad.
    const text = `${HEADER}\r\n${ROWS[0]}\nx,1,1,1\r${ROWS[1]}\r\n5,y,1,1\n`;
    const r = importTraceText(text, undefined, { fileName: 'lines.csv' });
    expect(r.report.accepted).toBe(2);
    expect(r.report.rejections.flatMap((i) => i.examples.map((e) => [e.line, e.text]))).toEqual(
      expect.arrayContaining([
        [3, 'x,1,1,1'],
        [5, '5,y,1,1'],
      ]),
    );
  });

  it('a quoted class with a line break inside keeps the line count right', () => {
    const text = `${HEADER}\r\n0,60,500,512,"we\r\nb"\n5,30,250,256,x\r\nbad,1,1,1\n`;
    const r = importTraceText(text, undefined, { fileName: 'quoted.csv' });
    expect(r.report.accepted).toBe(2);
    expect(r.report.rejections[0].examples[0].line).toBe(5);
  });
});
