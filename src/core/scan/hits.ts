// The scanner's pre-filter: where the literals worth a closer look start in a block, which line each is
// on and where that line starts. Two finders fill the same hit list, so the scanner has one consumer:
// a WebAssembly SIMD kernel (./simd, 16 bytes per step, used wherever WebAssembly may be compiled) and
// the portable one below (a regex over the block's latin1 view), which is the reference the kernel is
// tested against.

/** What a hit is, by the literal found (the order is the alternation order of HITS_RE). */
export const Hit = {
  Aadsts: 0,
  Error: 1,
  Jwt: 2,
  Correlation: 3,
  Trace: 4,
  RequestId: 5,
  TokenEndpoint: 6,
  Status: 7,
  OpenIdConfig: 8,
  InstanceDiscovery: 9,
  AppServiceMsi: 10,
} as const;
export type Hit = (typeof Hit)[keyof typeof Hit];

/** Literal length per hit kind, indexed by Hit. */
export const HIT_LENGTH = [6, 5, 3, 11, 5, 10, 7, 6, 33, 19, 9];

/** Int32 slots per hit in a HitList: start, kind, newlines before it in the block, offset of the last newline before it (-1: none). */
export const HIT_STRIDE = 4;

// The last characters of a match tell the literals apart without a capture group. Discovery and App
// Service managed-identity URLs name no token path, so they have literals of their own.
export const HITS_RE = /AADSTS|[eE]rror|eyJ|[cC]orrelation|[tT]race|request-id|oauth2\/|[sS]tatus|\/\.well-known\/openid-configuration|\/discovery\/instance|[mM][sS][iI]\/token/g;

/** Random access to one block's bytes, at native speed where the runtime has it. */
export interface BlockView {
  /** The bytes [start, end) as a string of one char per byte (offsets equal byte offsets). */
  latin1(start: number, end: number): string;
  /** Offset of the first `byte` at or after `from`, or -1. */
  indexOfByte(byte: number, from: number): number;
  /** Offset of the last `byte` at or before `from`, or -1. */
  lastIndexOfByte(byte: number, from: number): number;
}

export interface BlockStats {
  newlines: number;
  nuls: number;
  /** Offset of the first NUL byte in the block, or -1. */
  firstNul: number;
}

/**
 * Finds the hits of one block. `onHits` is called with batches in block order (the same array may be
 * reused between calls, so it must be read before returning); the result counts the block's newlines
 * and NUL bytes.
 * Literals may overlap in hostile text (`tracerror`): every match is listed and the consumer keeps the
 * leftmost of each overlapping run, as a left-to-right regex scan would.
 */
export type HitFinder = (block: Uint8Array, view: BlockView, onHits: (hits: Int32Array, count: number) => void) => BlockStats;

function kindAt(text: string, end: number): Hit {
  switch (text.charCodeAt(end - 1)) {
    case 0x53: // AADSTS
      return Hit.Aadsts;
    case 0x72: // error
      return Hit.Error;
    case 0x4a: // eyJ
      return Hit.Jwt;
    case 0x6e: // correlation, openid-configuration, msi/token
      return text.charCodeAt(end - 2) === 0x65 ? Hit.AppServiceMsi : text.charCodeAt(end - 6) === 0x72 ? Hit.OpenIdConfig : Hit.Correlation;
    case 0x65: // trace, /discovery/instance
      return text.charCodeAt(end - 3) === 0x6e ? Hit.InstanceDiscovery : Hit.Trace;
    case 0x64: // request-id
      return Hit.RequestId;
    case 0x73: // status (an HTTP status written on its own line: azure-core, MSAL.NET)
      return Hit.Status;
    default: // oauth2/
      return Hit.TokenEndpoint;
  }
}

const JS_BATCH = 1024;

/** The portable finder: one regex pass for the literals, native indexOf for the newlines between them. */
export function findHitsJs(block: Uint8Array, view: BlockView, onHits: (hits: Int32Array, count: number) => void): BlockStats {
  const text = view.latin1(0, block.length);
  const out = new Int32Array(JS_BATCH * HIT_STRIDE);
  let n = 0;
  let lines = 0;
  let lastNl = -1;
  let nextNl = text.indexOf('\n');
  HITS_RE.lastIndex = 0;
  // test() allocates no match array; the match end tells which literal hit.
  while (HITS_RE.test(text)) {
    const end = HITS_RE.lastIndex;
    const kind = kindAt(text, end);
    const at = end - HIT_LENGTH[kind]!;
    while (nextNl >= 0 && nextNl < at) {
      lines++;
      lastNl = nextNl;
      nextNl = text.indexOf('\n', nextNl + 1);
    }
    const o = n * HIT_STRIDE;
    out[o] = at;
    out[o + 1] = kind;
    out[o + 2] = lines;
    out[o + 3] = lastNl;
    if (++n === JS_BATCH) {
      onHits(out, n);
      n = 0;
    }
  }
  if (n > 0) onHits(out, n);
  while (nextNl >= 0) {
    lines++;
    nextNl = text.indexOf('\n', nextNl + 1);
  }
  // NUL never appears in text logs; string indexOf runs at memchr speed.
  const firstNul = text.indexOf('\0');
  let nuls = 0;
  for (let p = firstNul; p >= 0; p = text.indexOf('\0', p + 1)) nuls++;
  return { newlines: lines, nuls, firstNul };
}
