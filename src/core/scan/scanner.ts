// The incremental log scanner: ./chunks cuts the text into blocks of complete lines, scanned here.
//
// Speed: a pre-filter (./hits: a WebAssembly SIMD kernel, or a regex where WebAssembly is not allowed)
// lists where the literals of interest start in a block, with the line each is on, counting newlines
// on the way. The block stays bytes: prose mentions ("error rate", "stack trace") are dropped on the
// bytes, and only a line with a real candidate becomes a latin1 string (one char per byte), on which
// anchored, bounded regexes run. Memory is bounded: every list is capped.
import type { ScanFinding, ScanSummary } from '../types';
import { TOKEN_MARKER } from '../redact';
import {
  CORRELATION_RE,
  CLIENT_ID_RE,
  isWordByte as isWordByteShared,
  jwtExtent,
  REQUEST_ID_RE,
  TOKEN_ENDPOINT_RE,
  TRACE_RE,
} from './patterns';
import { Hit, HIT_LENGTH, HIT_STRIDE } from './hits';
import * as byteReaders from './bytes';
import { createScanState, type PendingItem, type ScanStateOptions } from './state';
import { createRequestReader, type RequestReaderOptions } from './requests';
import { createLineChunker } from './chunks';
import { createInputHealth } from './input-health';
import { headTimestamp, LINE_INSPECT, statusAhead } from './line-head';

export { CORRELATION_GAP, defaultFindHits, errorValueAt, guidStartNear, setBytePlatform } from './bytes';
export type { BytePlatform } from './bytes';

// binding when the code runs unbundled, as under tsx or vitest), each hit would pay a lookup.
const H_AADSTS = Hit.Aadsts;
const H_ERROR = Hit.Error;
const H_JWT = Hit.Jwt;
const H_CORRELATION = Hit.Correlation;
const H_TRACE = Hit.Trace;
const H_REQUEST_ID = Hit.RequestId;
const H_TOKEN_ENDPOINT = Hit.TokenEndpoint;
const H_STATUS = Hit.Status;
const H_OPENID_CONFIG = Hit.OpenIdConfig;
const H_INSTANCE_DISCOVERY = Hit.InstanceDiscovery;
const H_APP_SERVICE_MSI = Hit.AppServiceMsi;
const H_MSAL_JS = Hit.MsalJs;
const LENGTH_OF: readonly number[] = HIT_LENGTH;
const STRIDE = HIT_STRIDE;
// The same reason for the byte test called on every `error` hit.
const isWordByte = isWordByteShared;
// The same for the byte readers called per hit (./bytes).
const {
  bytePlatform,
  CORRELATION_GAP,
  errorValueAt,
  errorValueEnd,
  guidStartNear,
  hasUpperHex,
  lowerHex,
  pathBefore,
  traceIdAhead,
} = byteReaders;


export interface ScanOptions extends ScanStateOptions, RequestReaderOptions {
  /** Called for every finding, in file order (the summary keeps only aggregates). */
  onFinding?: (finding: ScanFinding) => void;
  /** A line with no newline longer than this is scanned in pieces (default 1 MiB). */
  maxLineBytes?: number;
  /**
   * Offset in the input of the first byte pushed, added to every finding's offset: a reader that
   * skipped a UTF-8 byte-order mark passes 3, so offsets stay offsets in the file.
   */
  startOffset?: number;
}

export interface Scanner {
  push(chunk: Uint8Array | string): void;
  end(): ScanSummary;
}

const DEVICE_CODE_ENDPOINT_RE = /oauth2\/(?:v2\.0\/)?devicecode(?![A-Za-z0-9_])/y;

export function createScanner(options: ScanOptions = {}): Scanner {
  const maxLineBytes = Math.max(4096, options.maxLineBytes ?? 1024 * 1024);
  const onFinding = options.onFinding;
  const state = createScanState(options);
  const reader = createRequestReader(options);

  let bytes = 0;
  /** Newlines seen in completed blocks. */
  let lineBase = 0;
  /** Byte offset in the file of the current block's start. */
  let blockOffset = Math.max(0, Math.floor(options.startOffset ?? 0)) || 0;
  let endedWithoutNewline = false;
  /** Bytes of an unfinished line were already scanned (an over-long line cut into pieces). */
  let midLine = false;
  // Complete lines go to scanBlock as one block; the unfinished last line waits for the next chunk.
  const chunker = createLineChunker(maxLineBytes, (block, complete) => scanBlock(block, complete));
  let lastTimestamp: string | null = null;

  const health = createInputHealth(maxLineBytes);
  let ended: ScanSummary | null = null;

  function emit(f: ScanFinding): void {
    if (!onFinding) return;
    try {
      onFinding(f);
    } catch {
      // A consumer's callback must not break the scan.
    }
  }

  function scanBlock(buf: Uint8Array, complete: boolean): void {
    if (buf.length === 0) return;
    const view = bytePlatform().view(buf);

    // The pre-filter lists where the literals start, on which line and where that line starts; the
    // block's other lines are never looked at here. Only a line with a hit becomes a string, and
    // every offset below (`at`, `lineStart`) is relative to that string: the line.
    let line = lineBase + 1;
    let text = '';
    /** The line `text` holds (made on the first hit that needs it). */
    let textLine = -1;
    const lineStart = 0;
    /** Block offset of the current line. */
    let lineAbs = 0;
    const endOfLine = (): number => text.length;
    let lineKey = -1;
    let lineTs: string | null | undefined;
    /** lineTs was read on the line itself, not carried from a line above. */
    let lineTsOwn = false;
    /** The line goes to the request reader: it names an identity endpoint, or MSAL's failure text. */
    let lineForReader = false;
    let lineCorrelation: string | null = null;
    let jwtSkip = -1;
    // A line holds a handful of codes and errors at most: arrays beat sets, which reallocate on clear().
    const lineCodes: number[] = [];
    const lineErrors: string[] = [];
    let lineTokenRequest = false;
    const deferred: PendingItem[] = [];

    /** Makes `text` the current line (once per line). */
    const lineText = (): void => {
      if (textLine === line) return;
      textLine = line;
      const nl = view.indexOfByte(0x0a, lineAbs);
      text = view.latin1(lineAbs, nl < 0 ? buf.length : nl);
    };

    const finishLine = (): void => {
      if ((lineForReader || reader.following(line - 1)) && reader.accepting()) {
        lineText();
        const ts = timestampOfLine();
        const ev = reader.line(line, text, lineTsOwn ? ts : null, lastTimestamp);
        if (ev) dialectFacts(ev.error, ev.correlationId, ev.status, ts);
      }
      if (deferred.length === 0) return;
      for (const item of deferred) state.relate(item, lineCorrelation);
      deferred.length = 0;
    };

    /**
     * What only a dialect recognises, counted like the rest: an error value written without an `error`
     * key (MSAL Python's "Refresh failed. invalid_grant: …"), and the correlation id in a library's
     * line prefix when the line reports a failure (MSAL.NET's "[time - id] Response status code …: 400").
     */
    const dialectFacts = (error: string | null, correlationId: string | null, status: number | null, ts: string | null): void => {
      if (error && !lineErrors.includes(error)) {
        lineErrors.push(error);
        if (state.countError(error, line)) state.pollAnswer(line);
        deferred.push({ line, error, ts });
        if (onFinding) {
          const column = text.indexOf(error);
          emit({ kind: 'error', value: error, line, column, offset: blockOffset + lineAbs + column });
        }
      }
      if (correlationId && lineCorrelation === null && (error || (status !== null && status >= 400) || deferred.length > 0)) {
        lineCorrelation = state.correlationSeen(correlationId, line, ts);
      }
    };

    /** Lines with no hit between the current line and block offset `to`, read while a request waits for its answer. */
    const followGap = (to: number): void => {
      const after = lineAbs < 0 ? -1 : view.indexOfByte(0x0a, lineAbs);
      if (lineAbs >= 0 && after < 0) return;
      let from = after + 1;
      let gapLine = line + 1;
      while (from < to && reader.following(gapLine - 1)) {
        const nl = view.indexOfByte(0x0a, from);
        const end = nl < 0 || nl > to ? to : nl;
        const gapText = view.latin1(from, Math.min(end, from + LINE_INSPECT));
        const own = headTimestamp(gapText);
        if (own) lastTimestamp = own;
        reader.line(gapLine, gapText, own, lastTimestamp);
        from = end + 1;
        gapLine++;
      }
    };

    const timestampOfLine = (): string | null => {
      if (lineTs !== undefined) return lineTs;
      lineTs = headTimestamp(text);
      lineTsOwn = lineTs !== null;
      if (lineTs) {
        lastTimestamp = lineTs;
        if (onFinding) {
          const col = text.indexOf(lineTs, lineStart) - lineStart;
          emit({ kind: 'timestamp', value: lineTs, line, column: col, offset: blockOffset + lineAbs + col });
        }
      } else lineTs = lastTimestamp;
      return lineTs;
    };

    /** Where the value of the `error` hit being handled starts in the block (see errorValueAt). */
    let errorStart = -1;
    // A line repeats its error value (`error: 'invalid_grant' … error: 'invalid_grant'`): the last
    // value's bytes are compared before a new string is made for them.
    let lastErrorStart = -1;
    let lastErrorLength = 0;
    let lastError = '';
    const errorString = (start: number, end: number): string => {
      const length = end - start;
      if (length === lastErrorLength && lastErrorStart >= 0) {
        let i = 0;
        while (i < length && buf[start + i] === buf[lastErrorStart + i]) i++;
        if (i === length) return lastError;
      }
      lastErrorStart = start;
      lastErrorLength = length;
      lastError = view.latin1(start, end);
      return lastError;
    };

    const hitAt = (at: number, kind: Hit): void => {
      // Prose mentions ("error rate", "stack trace") are the most common hits and are dropped on the
      // bytes, before their line is made a string.
      const abs = lineAbs + at;
      if (kind === H_ERROR) {
        if (at > 0 && isWordByte(buf[abs - 1]!) && buf[abs] !== 0x45) return;
        // Read on the bytes: prose ("error rate") and a key with no value (`error=error=…`) make no string.
        errorStart = errorValueAt(buf, abs);
        if (errorStart < 0) return;
      } else if (kind === H_TRACE) {
        if (!traceIdAhead(buf, abs + 5)) return;
      } else if (kind === H_CORRELATION) {
        if (!guidStartNear(buf, abs + 11, CORRELATION_GAP)) return;
      } else if (kind === H_AADSTS) {
        // AADSTS_RE needs a digit right after the letters.
        const d = buf[abs + 6];
        if (d === undefined || d < 0x30 || d > 0x39) return;
      }
      if (kind === H_STATUS || kind === H_OPENID_CONFIG || kind === H_INSTANCE_DISCOVERY || kind === H_APP_SERVICE_MSI || kind === H_MSAL_JS) {
        // An HTTP status on its own line (azure-core, MSAL.NET), a discovery or managed-identity URL, or MSAL.js's
        // prefix (msal-browser names no URL): the reader reads the line when finished, or past its cap counts a URL.
        if (kind !== H_STATUS && kind !== H_MSAL_JS && !lineForReader && !lineTokenRequest && !reader.accepting()) reader.countDropped();
        lineForReader = true;
        return;
      }
      lineText();
      const column = at - lineStart;
      const offset = blockOffset + lineAbs + at;
      // Findings are built only for a caller that asked for them (the summary needs none).
      switch (kind) {
        case H_AADSTS: {
          // AADSTS_RE read from the bytes: 1 to 9 digits, not followed by another digit.
          let code = 0;
          let n = 0;
          for (; n < 10; n++) {
            const d = buf[abs + 6 + n];
            if (d === undefined || d < 0x30 || d > 0x39) break;
            code = code * 10 + (d - 0x30);
          }
          if (n === 0 || n > 9) break;
          if (onFinding) emit({ kind: 'aadsts', value: `AADSTS${code}`, line, column, offset });
          if (lineCodes.includes(code)) break;
          if (!lineForReader && lineCodes.length === 0 && readerOpen && (reader.near(line) || reader.awaitsCodes() || text.includes('Refresh failed'))) lineForReader = true;
          lineCodes.push(code);
          if (state.countCode(code, line)) state.pollAnswer(line);
          const ts = timestampOfLine();
          deferred.push({ line, code, ts });
          if (code === 50196) {
            state.addBurst({
              firstLine: line,
              lastLine: line,
              requests: 0,
              windowSeconds: 0,
              message: `Line ${line}: Entra reported AADSTS50196 — it detected a loop of identical token requests from this client. Cache tokens and reuse them until they expire.`,
            });
          }
          break;
        }
        case H_ERROR: {
          const error = errorString(errorStart, errorValueEnd[0]!);
          if (onFinding) emit({ kind: 'error', value: error, line, column: errorStart - lineAbs - lineStart, offset });
          if (lineErrors.includes(error)) break;
          if (!lineForReader && lineErrors.length === 0 && reader.near(line)) lineForReader = true;
          lineErrors.push(error);
          if (state.countError(error, line)) state.pollAnswer(line);
          deferred.push({ line, error, ts: timestampOfLine() });
          break;
        }
        case H_JWT: {
          if (at < jwtSkip) break;
          if (at > 0 && (isWordByte(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 0x2d)) {
            // Inside a longer base64 run: skip the whole run so hostile input stays linear.
            jwtSkip = jwtExtent(text, at).end;
            break;
          }
          const { end, ok } = jwtExtent(text, at);
          jwtSkip = end;
          if (!ok) break;
          const redacted = text.slice(at, at + 10) + TOKEN_MARKER;
          if (onFinding) emit({ kind: 'jwt', value: redacted, line, column, offset });
          state.addToken(line, redacted);
          break;
        }
        case H_CORRELATION:
        case H_TRACE:
        case H_REQUEST_ID: {
          let m: RegExpExecArray | null;
          let isTrace = kind === H_TRACE;
          if (kind === H_REQUEST_ID) {
            REQUEST_ID_RE.lastIndex = at;
            m = REQUEST_ID_RE.exec(text);
            if (!m) break;
            const before = text.slice(Math.max(0, at - 7), at).toLowerCase();
            if (before.endsWith('client-')) isTrace = false;
            else if (before.endsWith('x-ms-')) isTrace = true;
            else break;
          } else {
            const re = kind === H_TRACE ? TRACE_RE : CORRELATION_RE;
            re.lastIndex = at;
            m = re.exec(text);
            if (!m) break;
          }
          if (!m[1]) break;
          // The id ends the match; most ids are lower case already, which the bytes tell cheaply.
          const id = hasUpperHex(buf, lineAbs + m.index + m[0].length - m[1].length, lineAbs + m.index + m[0].length) ? m[1].toLowerCase() : m[1];
          const ts = timestampOfLine();
          if (onFinding) emit({ kind: isTrace ? 'trace_id' : 'correlation_id', value: id, line, column, offset });
          if (kind === H_CORRELATION && text.startsWith('reuse ', at - 6)) {
            // MSAL Python's telemetry names the id it will send with the next request: the request
            // reader takes it; alone it says nothing went wrong, so it makes no group.
            lineForReader = true;
            break;
          }
          if (isTrace) deferred.push({ line, traceId: id, ts });
          else if (lineCorrelation !== id) {
            const key = state.correlationSeen(id, line, ts);
            if (key && !lineCorrelation) lineCorrelation = key;
          }
          break;
        }
        case H_TOKEN_ENDPOINT: {
          if (reader.accepting()) lineForReader = true;
          else if (!lineTokenRequest) reader.countDropped();
          if (lineTokenRequest) break;
          TOKEN_ENDPOINT_RE.lastIndex = at;
          let deviceCode = false;
          if (!TOKEN_ENDPOINT_RE.test(text)) {
            // Only other oauth2/ paths (authorize, logout, devicecode) get here: rare, so the regex is cheap.
            DEVICE_CODE_ENDPOINT_RE.lastIndex = at;
            if (!DEVICE_CODE_ENDPOINT_RE.test(text)) break;
            deviceCode = true;
          }
          lineTokenRequest = true;
          const end = endOfLine();
          const lineText = text.slice(lineStart, Math.min(end, lineStart + LINE_INSPECT));
          // The regex only where its literal is: most token lines name no client.
          const clientAt = lineText.indexOf('client_id');
          CLIENT_ID_RE.lastIndex = clientAt;
          const client = clientAt >= 0 ? CLIENT_ID_RE.exec(lineText)?.[1] : undefined;
          const tenant = client ? undefined : pathBefore(text, at, lineStart);
          const key = client ? `client ${lowerHex(client)}` : tenant ? `${tenant}` : '';
          // The device-code grant named on the line (grant_type=urn:ietf:params:oauth:grant-type:device_code).
          state.tokenRequest(key, line, timestampOfLine(), !deviceCode && lineText.includes('device_code'), deviceCode);
          break;
        }
      }
    };

    // Overlapping literals (`tracerror`) are all listed by the kernel; keep the leftmost of each run,
    // as a left-to-right regex scan does.
    let prevEnd = 0;
    // Once the reader's cap is reached it stays reached: read once per block.
    const readerOpen = reader.accepting();
    const onHits = (hits: Int32Array, count: number): void => {
      const stop = count * STRIDE;
      for (let h = 0; h < stop; h += STRIDE) {
        const at = hits[h]!;
        if (at < prevEnd) continue;
        const kind = hits[h + 1]! as Hit;
        // "status" matters only as an HTTP status (`status: 429`, `status code`, `"status":`, `StatusCode`),
        // and only while the request reader takes lines: prose ("completed with status Healthy") costs no line.
        if (kind === H_STATUS && !(readerOpen && statusAhead(buf, at + 6))) continue;
        prevEnd = at + LENGTH_OF[kind]!;
        const hitLine = lineBase + 1 + hits[h + 2]!;
        if (hitLine !== lineKey) {
          if (lineKey >= 0) {
            finishLine();
            if (reader.following(line)) followGap(hits[h + 3]! + 1);
          } else if (reader.following(lineBase) && lineBase > 0) {
            // A request from the previous block still waits: read this block's first lines.
            line = lineBase;
            lineAbs = -1;
            followGap(hits[h + 3]! + 1);
          }
          line = hitLine;
          lineKey = line;
          lineAbs = hits[h + 3]! + 1;
          const first = buf[lineAbs];
          // Space, tab, `}`, `]`, `)` continue the record above; anything else starts a new one.
          if (!(first === 0x20 || first === 0x09 || first === 0x7d || first === 0x5d || first === 0x29)) state.startRecord(line);
          lineTs = undefined;
          lineTsOwn = false;
          lineForReader = false;
          lineCorrelation = null;
          jwtSkip = -1;
          // Setting an array's length is a runtime call: only when there is something to drop.
          if (lineCodes.length) lineCodes.length = 0;
          if (lineErrors.length) lineErrors.length = 0;
          lineTokenRequest = false;
        }
        // Hits inside a base64 run already skipped (hostile 'eyJeyJ…') cost no call.
        if (kind === H_JWT && at - lineAbs < jwtSkip) continue;
        hitAt(at - lineAbs, kind);
      }
    };
    const stats = bytePlatform().findHits(buf, view, onHits);
    if (lineKey >= 0) {
      finishLine();
      if (reader.following(line)) followGap(buf.length);
    } else if (lineBase > 0 && reader.following(lineBase)) {
      line = lineBase;
      lineAbs = -1;
      followGap(buf.length);
    }
    lineBase += stats.newlines;
    health.block(buf, stats, blockOffset);
    blockOffset += buf.length;
    if (!complete) health.lineCut();
    midLine = !complete || (midLine && buf[buf.length - 1] !== 0x0a);
  }

  function summary(): ScanSummary {
    const counted = state.finish();
    const read = reader.finish();
    return {
      bytes,
      lines: lineBase + (endedWithoutNewline || midLine ? 1 : 0),
      ...counted,
      requests: read.requests,
      requestFlags: read.flags,
      warnings: [...health.warnings(bytes), ...counted.warnings, ...read.warnings],
    };
  }
  return {
    push(chunk) {
      if (ended) return;
      try {
        bytes += chunker.push(chunk);
      } catch {
        // Keep going: one odd chunk must not lose the rest of the file.
      }
    },
    end() {
      if (ended) return ended;
      try {
        endedWithoutNewline = chunker.finish();
        ended = summary();
      } catch {
        ended = { bytes, lines: lineBase, codes: [], errors: [], correlations: [], tokens: [], bursts: [], warnings: ['The scan stopped early because of unexpected input.'] };
      }
      return ended;
    },
  };
}

/** Scans a whole string at once. */
export function scanText(text: string, options?: ScanOptions): ScanSummary {
  const s = createScanner(options);
  s.push(typeof text === 'string' ? text : '');
  return s.end();
}
