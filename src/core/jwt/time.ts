// Time formatting for token claims. Browser-safe.

const UNITS: readonly (readonly [number, string])[] = [
  [86400 * 365, 'year'],
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** "in 54 minutes", "3 hours ago", "just now". */
export function relativeTime(target: Date, now: Date): string {
  const diffSeconds = Math.round((target.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(diffSeconds);
  if (abs < 5) return 'just now';
  let text = '';
  for (const [size, name] of UNITS) {
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

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** The last millisecond of year 9999: beyond it (and before 1970) toISOString's own format is used. */
const FAST_ISO_LIMIT = 253402300799999;

/**
 * Same text as `d.toISOString()`, computed with integer arithmetic for dates from 1970 to 9999 (every
 * real token). V8's toISOString costs about 350 ns, which was a large share of decoding a token that
 * shows three or more times; this takes about a third of that.
 */
export function isoString(d: Date): string {
  const ms = d.getTime();
  if (!(ms >= 0 && ms <= FAST_ISO_LIMIT)) return d.toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  // Days since 1970-01-01 → civil date (Howard Hinnant's days_from_civil, inverted).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const msText = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}.${msText}Z`;
}
