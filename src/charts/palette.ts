/**
 * Strategy colours from the Okabe-Ito palette (Okabe & Ito 2008), which stays distinguishable
 * under the common colour-vision deficiencies. Yellow is last because it is faint on white.
 * Strategy i gets the same colour and dash in every chart; dashes double-encode identity so
 * lines stay apart even in greyscale prints.
 */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

const DASHES = ['', '7 3', '2 3', '10 3 2 3', '4 4', '1 2'] as const;

export function strategyColor(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length];
}

export function strategyDash(index: number): string {
  return DASHES[index % DASHES.length];
}

/** Neutral ink colours shared by all charts. */
export const INK = { text: '#1f2933', muted: '#52606d', grid: '#e4e7eb', axis: '#9aa5b1', slo: '#b00020' } as const;
