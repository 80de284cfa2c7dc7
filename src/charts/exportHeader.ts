/**
 * The title and legend an exported chart carries: on the page they are HTML around the SVG, so a
 * downloaded SVG or PNG would otherwise be an unlabelled plot. Pure layout, tested without a DOM.
 */
import type { LegendEntry } from './ChartFrame.tsx';

/** Average advance of the 12 px legend text and the 15 px bold title, px per character. */
const LEGEND_CHAR = 6.8;
const TITLE_CHAR = 8.6;
const PAD = 12;
const TITLE_LINE = 22;
const LEGEND_LINE = 18;
/** Swatch (22 px) and the gaps around an entry. */
const SWATCH = 22;
const ENTRY_GAP = 16;

export interface ExportHeader {
  /** Height the header adds above the plot, px. */
  height: number;
  /** The title, split into lines that fit the width. */
  titleLines: Array<{ text: string; y: number }>;
  legend: Array<LegendEntry & { x: number; y: number }>;
}

/** Words of `text` wrapped to lines of at most `maxChars` characters (a longer word stays whole). */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Title lines, then legend entries left to right, wrapping to a new row when the width is used up. */
export function exportHeader(title: string, legend: readonly LegendEntry[], width: number): ExportHeader {
  const usable = Math.max(100, width - 2 * PAD);
  const titleLines = wrap(title, Math.floor(usable / TITLE_CHAR)).map((text, i) => ({ text, y: PAD + 15 + i * TITLE_LINE }));
  let y = PAD + titleLines.length * TITLE_LINE + 10;
  let x = PAD;
  const placed: ExportHeader['legend'] = [];
  for (const e of legend) {
    const w = SWATCH + 6 + e.label.length * LEGEND_CHAR;
    if (x > PAD && x + w > PAD + usable) {
      x = PAD;
      y += LEGEND_LINE;
    }
    placed.push({ ...e, x, y });
    x += w + ENTRY_GAP;
  }
  const height = (legend.length ? y + LEGEND_LINE - 6 : y - 6) + 4;
  return { height: Math.ceil(height), titleLines, legend: placed };
}
