/**
 * Number formatting shared by the table, the verdict, the tooltips and the exports, so a value
 * reads the same everywhere it appears.
 */

/** "$1,164.34"; currencies other than USD are written as a code ("CNY 12.00"). */
export function formatMoney(value: number, currency = 'USD', digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = value < 0 ? '-' : '';
  return currency === 'USD' ? `${sign}$${abs}` : `${sign}${currency} ${abs}`;
}

/** A signed money difference: "+$425.58", "-$3.10", "±$0.00". */
export function formatMoneyDelta(value: number, currency = 'USD'): string {
  if (Math.abs(value) < 0.005) return `±${formatMoney(0, currency)}`;
  return (value > 0 ? '+' : '') + formatMoney(value, currency);
}

/** 0.6691 -> "66.9%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * A share as a whole percent that never overstates: 0.996 is "over 99%", not "100%", and 0.003 is
 * "under 1%", not "0%" (a rounded "100% cheaper" or "0% missed" would be false).
 */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const r = Math.round(share * 100);
  if (share > 0 && r === 0) return 'under 1%';
  if (share < 1 && r === 100) return 'over 99%';
  return `${r}%`;
}

/**
 * How much more one cost is than another, as a share: whole percents, except that a share that
 * only rounds to a round "100%" (or "200%") gets one decimal, since "100% more" reads as exactly
 * double, and a positive share never shows as "0%" ("under 1%").
 */
export function formatIncrease(share: number): string {
  if (!Number.isFinite(share)) return '—';
  if (share <= 0) return '0%';
  const pct = share * 100;
  const r = Math.round(pct);
  if (r === 0) return 'under 1%';
  if (r % 100 === 0 && Math.abs(pct - r) >= 0.05) return `${pct.toFixed(1)}%`;
  return `${r}%`;
}

/**
 * A waiting time as people say it: "0.4 s", "25 s", "1 min 38 s", "12 min", "2 h 5 min".
 * Under 10 s one decimal; under 10 min minutes and seconds; above that whole minutes.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds < 10) {
    const t = Math.round(seconds * 10) / 10;
    return t === 10 ? '10 s' : `${t.toFixed(t === Math.round(t) ? 0 : 1)} s`;
  }
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r === 0 ? `${m} min` : `${m} min ${r} s`;
  }
  const totalMin = Math.round(s / 60);
  if (totalMin < 60) return `${totalMin} min`;
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Short form for table cells: "0.4 s", "25 s", "1m 38s", "12m", "2h 5m". */
export function formatDurationCompact(seconds: number): string {
  const long = formatDuration(seconds);
  return long.replace(/(\d+) min (\d+) s/, '$1m $2s').replace(/(\d+) h (\d+) min/, '$1h $2m').replace(/(\d+) min$/, '$1m').replace(/(\d+) h$/, '$1h');
}

/** Integer with thousands separators: 12040 -> "12,040". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.round(value).toLocaleString('en-US');
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Simulated time as a clock: "19:05" within one day; "day 2 19:05" when the horizon is longer
 * than a day (day 1 starts at 00:00 of the scenario).
 */
export function formatClock(seconds: number, horizonSeconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const day = Math.floor(total / 86400);
  const inDay = total - day * 86400;
  const hh = Math.floor(inDay / 3600);
  const mm = Math.floor((inDay % 3600) / 60);
  const clock = `${pad2(hh)}:${pad2(mm)}`;
  if (horizonSeconds <= 86400) return day >= 1 && inDay === 0 ? '24:00' : clock;
  return `day ${day + 1} ${clock}`;
}
