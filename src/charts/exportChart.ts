import type { LegendEntry } from './ChartFrame.tsx';
import { exportHeader } from './exportHeader.ts';
import { INK } from './palette.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Chart export: the chart's own SVG, self-contained (styles are attributes, fonts are generic),
 * with hover-only elements removed and a white background so it reads outside the page; PNG is
 * that SVG drawn on a canvas at 2x. With `header`, the chart's title and legend (HTML on the
 * page) are drawn above the plot, so the file says what it shows.
 */
export function serializeSvg(svg: SVGSVGElement, header?: { title: string; legend: readonly LegendEntry[]; font: string }): { text: string; width: number; height: number } {
  const plot = serializePlot(svg);
  if (!header) return finish(plot.clone, plot.width, plot.height);
  const layout = exportHeader(header.title, header.legend, plot.width);
  const width = plot.width;
  const height = plot.height + layout.height;
  const outer = svgEl('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': header.font }) as SVGSVGElement;
  outer.appendChild(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }));
  for (const line of layout.titleLines) outer.appendChild(svgEl('text', { x: 12, y: line.y, 'font-size': 15, 'font-weight': 700, fill: INK.text }, line.text));
  for (const e of layout.legend) {
    const g = svgEl('g', { transform: `translate(${e.x},${e.y})` });
    if (e.mark === 'line') g.appendChild(svgEl('line', { x1: 1, x2: 21, y1: 6, y2: 6, stroke: e.color, 'stroke-width': 2.5, ...(e.dash ? { 'stroke-dasharray': e.dash } : {}) }));
    else g.appendChild(svgEl('rect', { x: 1, y: 1, width: 20, height: 10, fill: e.color, 'fill-opacity': e.mark === 'band' ? 0.18 : e.mark === 'area' ? 0.55 : 1, stroke: e.color }));
    g.appendChild(svgEl('text', { x: 28, y: 10, 'font-size': 12, fill: INK.text }, e.label));
    outer.appendChild(g);
  }
  plot.clone.setAttribute('y', String(layout.height));
  plot.clone.removeAttribute('xmlns');
  outer.appendChild(plot.clone);
  return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(outer), width, height };
}

function serializePlot(svg: SVGSVGElement): { clone: SVGSVGElement; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll('[data-export="skip"]').forEach((el) => el.remove());
  // A tab stop in the page, not in a file.
  clone.removeAttribute('tabindex');
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return { clone, width, height };
}

function finish(svg: SVGSVGElement, width: number, height: number): { text: string; width: number; height: number } {
  return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg), width, height };
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

export function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const g = canvas.getContext('2d');
      if (!g) return reject(new Error('no 2D canvas'));
      g.scale(scale, scale);
      g.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('could not render the SVG'));
    };
    img.src = url;
  });
}

/** "Online classes: evening burst" + "cost" -> "online-classes-evening-burst-cost". */
export function exportFileStem(scenarioName: string, what: string): string {
  const slug = `${scenarioName}-${what}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'spillway';
}
