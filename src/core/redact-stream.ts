// Redaction of text that arrives in pieces (a log piped through `auth-lens redact`, a large file): the
// same spans redactSecrets finds, computed on a buffer and handed out up to a line where nothing that
// is being redacted can go on. Memory stays near the chunk size whatever the input's size, and the
// result equals redacting the whole text at once. No Node-only APIs.
import { applySpans, spansOf, WITHHELD } from './redact';
import { merge } from './redact-shapes';
import { ANY_RUN_RE, MIN_WRAP_COLUMNS, runEnd, type Span } from './redact-text';

export interface RedactStream {
  /** Takes the next piece of text; returns what can already be handed out (often ''). */
  push(text: string): string;
  /** The rest, once the input has ended. */
  end(): string;
  /** How many places were replaced so far. */
  readonly redactions: number;
}

export interface RedactStreamOptions {
  /** How much text is gathered before redacting (default 1 MiB). */
  chunkChars?: number;
  /** Past this size, a line break inside no span is enough to cut at (default 32 MiB). */
  maxChars?: number;
}

/** Whether text[at] can carry on a run of value characters (what a wrapped value's next line starts with). */
function runChar(text: string, at: number): boolean {
  return runEnd(ANY_RUN_RE, text, at) > at;
}

/** Whether the line that ends at `lineEnd` (its LF) ends with a run of at least MIN_WRAP_COLUMNS value characters. */
function endsWithLongRun(text: string, lineEnd: number): boolean {
  let i = lineEnd;
  if (text.charCodeAt(i - 1) === 0x0d) i--;
  for (let n = 0; n < MIN_WRAP_COLUMNS; n++) if (i - 1 - n < 0 || !runChar(text, i - 1 - n)) return false;
  return true;
}

/** Whether the line that ends at `lineEnd` opens a YAML value on the next line (`key:`, `key: |`, `key: >-`). */
function opensYamlValue(text: string, lineEnd: number): boolean {
  let i = lineEnd;
  while (i > 0 && /[ \t\r]/.test(text[i - 1]!)) i--;
  const tail = text.slice(Math.max(0, i - 4), i);
  return /:$|[|>][-+0-9]{0,3}$/.test(tail);
}

/** Whether `at` lies in an interval, or is where one starts (cutting there would part a value from its anchor). */
function inside(merged: [number, number][], at: number): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = merged[mid]!;
    if (at < s) hi = mid - 1;
    else if (at >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Whether the line starting at `at` may start a new piece by its text alone: not empty, not a value
 * wrapped from the line before (that line ends in a long run and this one starts with one), and not a
 * YAML value below its key (indented under a line ending in `:`, `|` or `>`).
 */
function lineMayStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 0x0a || c === 0x0d) return false;
  if ((c === 0x20 || c === 0x09) && opensYamlValue(text, at - 1)) return false;
  return !(endsWithLongRun(text, at - 1) && runChar(text, at));
}

/** Line starts from the end back to `min` (the line at the very end may be incomplete, so it is left out). */
function* lineStarts(text: string, min: number): Generator<number> {
  for (let nl = text.lastIndexOf('\n', text.length - 2); nl >= 0 && nl + 1 >= min; nl = nl > 0 ? text.lastIndexOf('\n', nl - 1) : -1) yield nl + 1;
}

/**
 * The last line start at or after `min` where the text can be cut: outside every span and allowed by
 * lineMayStart (`strict` false keeps only the span rule, for a buffer that grew too large). -1 when
 * there is none.
 */
function cutPoint(text: string, spans: Span[], min: number, strict: boolean): number {
  const merged = merge(spans);
  for (const at of lineStarts(text, min)) if (!inside(merged, at) && (!strict || lineMayStart(text, at))) return at;
  return -1;
}

export function createRedactStream(extraSecrets?: readonly string[], options: RedactStreamOptions = {}): RedactStream {
  const chunk = Math.max(1024, options.chunkChars ?? 1 << 20);
  const max = Math.max(chunk * 2, options.maxChars ?? 32 << 20);
  let buffer = '';
  let target = chunk;
  let count = 0;

  const flush = (final: boolean): string => {
    if (buffer.length === 0) return '';
    try {
      const min = buffer.length >> 1;
      // No line in the second half that could start a piece: gather more before redacting anything.
      if (!final && buffer.length < max) {
        let candidate = false;
        for (const at of lineStarts(buffer, min)) if ((candidate = lineMayStart(buffer, at))) break;
        if (!candidate) {
          target = buffer.length * 2;
          return '';
        }
      }
      const spans = spansOf(buffer, extraSecrets);
      let cut = final ? buffer.length : cutPoint(buffer, spans, min, true);
      if (cut < 0 && buffer.length >= max) cut = cutPoint(buffer, spans, 0, false);
      if (cut < 0) {
        // Nowhere safe to cut in the second half: gather more and try again.
        target = buffer.length * 2;
        return '';
      }
      const { text, count: n } = applySpans(buffer.slice(0, cut), spans.filter((s) => s.end <= cut));
      count += n;
      buffer = buffer.slice(cut);
      target = buffer.length + chunk;
      return text;
    } catch {
      // Never hand out text that could not be checked.
      buffer = '';
      return WITHHELD + '\n';
    }
  };

  return {
    push(text: string): string {
      if (typeof text !== 'string' || text.length === 0) return '';
      buffer += text;
      return buffer.length >= target ? flush(false) : '';
    },
    end(): string {
      return flush(true);
    },
    get redactions(): number {
      return count;
    },
  };
}
