// Time formatting for token claims. Browser-safe.

/** "in 54 minutes", "3 hours ago", "just now". */
export function relativeTime(target: Date, now: Date): string {
  const diffSeconds = Math.round((target.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(diffSeconds);
  if (abs < 5) return 'just now';
  const units: [number, string][] = [
    [86400 * 365, 'year'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  let text = '';
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const rest = Math.floor((abs - n * size) / (size === 86400 ? 3600 : 60));
      text = `${n} ${name}${n === 1 ? '' : 's'}`;
      // One extra unit keeps "1 hour 30 minutes" readable without a wall of numbers.
      if ((size === 3600 || size === 86400) && rest > 0 && n < 48) {
        const sub = size === 86400 ? 'hour' : 'minute';
        text += ` ${rest} ${sub}${rest === 1 ? '' : 's'}`;
      }
      break;
    }
  }
  return diffSeconds > 0 ? `in ${text}` : `${text} ago`;
}

/** A JWT NumericDate (seconds since epoch) as a Date, or null when the value is not a usable number. */
export function numericDate(value: unknown): Date | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  const d = new Date(n * 1000);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Seconds as "1 hour 15 minutes". */
export function duration(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (!h && (s || !m)) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}
