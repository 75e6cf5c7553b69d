// A safe reader for Python literal repr, the way MSAL Python results show up in logs
// (`{'error': 'invalid_grant', 'error_codes': [700082], ...}`). It never evaluates anything: a small
// recursive-descent parser over char codes, linear in the input, with a nesting limit so hostile input
// cannot exhaust the stack.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type PyReprResult = { ok: true; value: JsonValue } | { ok: false; error: string; offset: number };

/** Deeper nesting than this is refused: real MSAL dicts are 2–4 levels deep. */
const MAX_DEPTH = 256;

class PyReprError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse the whole text as one Python literal. Never throws; bad input gets a specific message. */
export function parsePythonRepr(text: string): PyReprResult {
  if (typeof text !== 'string') return { ok: false, error: 'Input is not text.', offset: 0 };
  try {
    const parser = new PyReprParser(text, 0);
    parser.skipWs();
    if (parser.pos >= text.length) return { ok: false, error: 'Input is empty.', offset: 0 };
    const value = parser.value(0);
    parser.skipWs();
    if (parser.pos < text.length) {
      return { ok: false, error: `Unexpected text after the value at offset ${parser.pos}.`, offset: parser.pos };
    }
    return { ok: true, value };
  } catch (e) {
    if (e instanceof PyReprError) return { ok: false, error: e.message, offset: e.offset };
    return { ok: false, error: 'The value could not be read.', offset: 0 };
  }
}

/**
 * Parse one Python literal starting at `start` (leading whitespace allowed) and report where it ended,
 * so a dict embedded in a log line can be read without knowing its length first. Never throws.
 */
export function parsePythonReprAt(text: string, start: number): { value: JsonValue; end: number } | null {
  try {
    const parser = new PyReprParser(text, start);
    parser.skipWs();
    const value = parser.value(0);
    return { value, end: parser.pos };
  } catch {
    return null;
  }
}

/**
 * Read a quoted string literal (Python or JavaScript style, either quote) at `start`, which must be the
 * opening quote. Used for `claims: '...'` in Node's inspect output. Null when it is not a closed string.
 */
export function readQuotedAt(text: string, start: number): { value: string; end: number } | null {
  try {
    const parser = new PyReprParser(text, start);
    const value = parser.string();
    return { value, end: parser.pos };
  } catch {
    return null;
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

class PyReprParser {
  pos: number;
  constructor(
    private readonly s: string,
    start: number,
  ) {
    this.pos = start;
  }

  fail(message: string): never {
    throw new PyReprError(`${message} at offset ${this.pos}.`, this.pos);
  }

  skipWs(): void {
    const s = this.s;
    while (this.pos < s.length && isWs(s.charCodeAt(this.pos))) this.pos++;
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`Nested more than ${MAX_DEPTH} levels deep`);
    this.skipWs();
    const s = this.s;
    if (this.pos >= s.length) this.fail('Input ended where a value was expected');
    const c = s.charCodeAt(this.pos);
    if (c === 123 /* { */) return this.dictOrSet(depth);
    if (c === 91 /* [ */) return this.sequence(93, depth);
    if (c === 40 /* ( */) return this.sequence(41, depth);
    if (c === 39 || c === 34) return this.string();
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) return this.number();
    if (isIdentChar(c)) {
      const wordStart = this.pos;
      while (this.pos < s.length && isIdentChar(s.charCodeAt(this.pos))) this.pos++;
      const word = s.slice(wordStart, this.pos);
      const next = s.charCodeAt(this.pos);
      // String prefixes: b'...', u'...', r'...', rb'...' (bytes are shown as their text).
      if ((next === 39 || next === 34) && /^(?:[bBuUrR]|[bB][rR]|[rR][bB])$/.test(word)) {
        return this.string(word.toLowerCase().includes('r'));
      }
      switch (word) {
        // JSON's spellings are accepted too, so JSON followed by other log text reads the same way.
        case 'True':
        case 'true':
          return true;
        case 'False':
        case 'false':
          return false;
        case 'None':
        case 'null':
          return null;
        case 'inf':
        case 'nan':
          return null; // JSON has no infinity or NaN
        case 'set':
        case 'frozenset':
        case 'tuple':
        case 'list':
        case 'dict':
          if (s.charCodeAt(this.pos) === 40 && s.charCodeAt(this.pos + 1) === 41) {
            this.pos += 2;
            return word === 'dict' ? {} : [];
          }
          break;
      }
      this.pos = wordStart;
      this.fail(`Unknown name "${word.slice(0, 40)}" (only True, False, None and literals are read)`);
    }
    this.fail(`Unexpected character ${JSON.stringify(s[this.pos])}`);
  }

  dictOrSet(depth: number): JsonValue {
    const s = this.s;
    this.pos++; // {
    this.skipWs();
    if (s.charCodeAt(this.pos) === 125) {
      this.pos++;
      return {};
    }
    const first = this.value(depth + 1);
    this.skipWs();
    if (s.charCodeAt(this.pos) !== 58 /* : */) {
      // A set literal: read it as a list.
      const items: JsonValue[] = [first];
      return this.rest(items, 125, depth);
    }
    const obj: { [key: string]: JsonValue } = {};
    let key: JsonValue = first;
    for (;;) {
      this.skipWs();
      if (s.charCodeAt(this.pos) !== 58) this.fail('Expected ":" after a dict key');
      this.pos++;
      const val = this.value(depth + 1);
      const name = typeof key === 'string' ? key : JSON.stringify(key);
      if (name === '__proto__') Object.defineProperty(obj, name, { value: val, enumerable: true, writable: true, configurable: true });
      else obj[name] = val; // a repeated key keeps the last value, as Python does
      this.skipWs();
      const c = s.charCodeAt(this.pos);
      if (c === 44 /* , */) {
        this.pos++;
        this.skipWs();
        if (s.charCodeAt(this.pos) === 125) {
          this.pos++;
          return obj;
        }
        key = this.value(depth + 1);
        continue;
      }
      if (c === 125) {
        this.pos++;
        return obj;
      }
      if (this.pos >= s.length) this.fail('Input ended inside a dict');
      this.fail('Expected "," or "}" in a dict');
    }
  }

  sequence(close: number, depth: number): JsonValue[] {
    this.pos++;
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === close) {
      this.pos++;
      return [];
    }
    return this.rest([this.value(depth + 1)], close, depth);
  }

  /** The remainder of a list/tuple/set after its first item. */
  rest(items: JsonValue[], close: number, depth: number): JsonValue[] {
    const s = this.s;
    for (;;) {
      this.skipWs();
      const c = s.charCodeAt(this.pos);
      if (c === close) {
        this.pos++;
        return items;
      }
      if (c !== 44) {
        if (this.pos >= s.length) this.fail('Input ended inside a list');
        this.fail(`Expected "," or "${String.fromCharCode(close)}"`);
      }
      this.pos++;
      this.skipWs();
      if (s.charCodeAt(this.pos) === close) {
        this.pos++;
        return items;
      }
      items.push(this.value(depth + 1));
    }
  }

  string(raw = false): string {
    const s = this.s;
    const quote = s.charCodeAt(this.pos);
    if (quote !== 39 && quote !== 34) this.fail('Expected a quote');
    // Triple-quoted strings are not produced by repr; treat them as empty string + next string.
    this.pos++;
    let out = '';
    let chunkStart = this.pos;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === quote) {
        out += s.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (c === 92 /* \ */) {
        out += s.slice(chunkStart, this.pos);
        if (raw) {
          out += s.slice(this.pos, this.pos + 2);
          this.pos += 2;
        } else {
          out += this.escape();
        }
        chunkStart = this.pos;
        continue;
      }
      if (c === 10) this.fail('Line break inside a string (the string is not closed)');
      this.pos++;
    }
    this.fail('Input ended inside a string');
  }

  /** Decode one escape sequence; `pos` is at the backslash. */
  escape(): string {
    const s = this.s;
    this.pos++;
    if (this.pos >= s.length) this.fail('Input ended inside an escape sequence');
    const c = s[this.pos]!;
    this.pos++;
    switch (c) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '\\':
        return '\\';
      case "'":
        return "'";
      case '"':
        return '"';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '\n':
        return '';
      case 'x':
        return String.fromCharCode(this.hex(2));
      case 'u':
        return String.fromCharCode(this.hex(4));
      case 'U': {
        const cp = this.hex(8);
        if (cp > 0x10ffff) this.fail('Escape \\U is beyond Unicode');
        return String.fromCodePoint(cp);
      }
      default:
        if (c >= '0' && c <= '7') {
          // Octal: up to three digits.
          let v = c.charCodeAt(0) - 48;
          for (let i = 0; i < 2; i++) {
            const d = s.charCodeAt(this.pos);
            if (d >= 48 && d <= 55) {
              v = v * 8 + (d - 48);
              this.pos++;
            } else break;
          }
          return String.fromCharCode(v);
        }
        // Python keeps unknown escapes as written.
        return '\\' + c;
    }
  }

  hex(digits: number): number {
    const s = this.s;
    let v = 0;
    for (let i = 0; i < digits; i++) {
      const h = hexValue(s.charCodeAt(this.pos));
      if (h < 0) this.fail(`Expected ${digits} hex digits in an escape`);
      v = v * 16 + h;
      this.pos++;
    }
    return v;
  }

  number(): number | null {
    const s = this.s;
    const start = this.pos;
    if (s.charCodeAt(this.pos) === 45 || s.charCodeAt(this.pos) === 43) this.pos++;
    // -inf / -nan
    if (s.startsWith('inf', this.pos) || s.startsWith('nan', this.pos)) {
      this.pos += 3;
      return null;
    }
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if ((c >= 48 && c <= 57) || c === 46 || c === 95 || c === 101 || c === 69) {
        this.pos++;
        continue;
      }
      // exponent sign
      if ((c === 45 || c === 43) && (s.charCodeAt(this.pos - 1) === 101 || s.charCodeAt(this.pos - 1) === 69)) {
        this.pos++;
        continue;
      }
      break;
    }
    // A trailing L (Python 2 longs) or j (complex) is not JSON; accept L, refuse j.
    if (s.charCodeAt(this.pos) === 76) this.pos++;
    const text = s.slice(start, this.pos).replace(/_/g, '').replace(/L$/, '');
    const n = Number(text);
    if (text === '' || text === '-' || text === '+' || Number.isNaN(n)) {
      this.pos = start;
      this.fail(`Not a number: ${JSON.stringify(text.slice(0, 40))}`);
    }
    return n;
  }
}
