/** Where a preset figure comes from: the page and the date it was read or generated. */
export interface Source {
  url: string;
  date: string;
  /** "confirmed" = primary or official source; "secondary" = blog or mirror; "estimate" = no source found. */
  confidence: 'confirmed' | 'secondary' | 'estimate';
  note?: string;
}
