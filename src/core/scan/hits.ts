// The scanner's pre-filter: where the literals worth a closer look start in a block, which line each is
// on and where that line starts. Two finders fill the same hit list, so the scanner has one consumer:
// a WebAssembly SIMD kernel (./simd, 16 bytes per step, used wherever WebAssembly may be compiled) and
// the portable one below (a regex and a walk over the "/"s of the block's latin1 view), which is the
// reference the kernel is tested against.

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
  MsalJs: 11,
} as const;
export type Hit = (typeof Hit)[keyof typeof Hit];

/** Literal length per hit kind, indexed by Hit. */
export const HIT_LENGTH = [6, 5, 3, 11, 5, 10, 7, 6, 33, 19, 9, 12];

/** Int32 slots per hit in a HitList: start, kind, newlines before it in the block, offset of the last newline before it (-1: none). */
export const HIT_STRIDE = 4;

// Every literal ends in a different character, which tells them apart without a capture group.
export const HITS_RE = /AADSTS|[eE]rror|eyJ|[cC]orrelation|[tT]race|request-id|oauth2\/|[sS]tatus/g;

// Discovery and App Service managed-identity URLs name no token path, so they have literals of their
// own: /.well-known/openid-configuration, /discovery/instance and [mM][sS][iI]/token. In the regex they
// would slow every line down (a "/" is on most lines); the portable finder looks at each "/" as the
// kernel does, by the byte after it, and merges them into the regex's hits in order.
const OPENID_CONFIG = '/.well-known/openid-configuration';
const INSTANCE_DISCOVERY = '/discovery/instance';
/**
 * msal-browser's line prefix (`@azure/msal-browser@…`, and `@azure/msal-common@…` for the messages of the
 * msal-common it bundles): its lines name no URL, only minified message codes. msal-node writes its own
 * name on every line and names its token requests by URL, so its lines need no literal.
 */
const MSAL_JS = '@azure/msal-';

/** Where the URL literals start in `text`, in order: start, kind, start, kind, … */
function urlHits(text: string): number[] {
  const found: number[] = [];
  for (let p = text.indexOf('/'); p >= 0; p = text.indexOf('/', p + 1)) {
    const next = text.charCodeAt(p + 1);
    if (next === 0x2e) {
      if (text.startsWith(OPENID_CONFIG, p)) found.push(p, Hit.OpenIdConfig);
    } else if (next === 0x64) {
      if (text.startsWith(INSTANCE_DISCOVERY, p)) found.push(p, Hit.InstanceDiscovery);
    } else if (next === 0x6d) {
      const pkg = text.charCodeAt(p + 6);
      if ((pkg === 0x62 || pkg === 0x63) && p >= 6 && text.startsWith(MSAL_JS, p - 6)) found.push(p - 6, Hit.MsalJs);
    } else if (next === 0x74 && p >= 3 && text.startsWith('/token', p)) {
      // The three letters before it, without case (latin1: only M and m give m when OR-ed with 0x20).
      if ((text.charCodeAt(p - 3) | 0x20) === 0x6d && (text.charCodeAt(p - 2) | 0x20) === 0x73 && (text.charCodeAt(p - 1) | 0x20) === 0x69) found.push(p - 3, Hit.AppServiceMsi);
    }
  }
  return found;
}

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
    case 0x6e: // correlation
      return Hit.Correlation;
    case 0x65: // trace
      return Hit.Trace;
    case 0x64: // request-id
      return Hit.RequestId;
    case 0x73: // status (an HTTP status written on its own line: azure-core, MSAL.NET)
      return Hit.Status;
    default: // oauth2/
      return Hit.TokenEndpoint;
  }
}

const JS_BATCH = 1024;

/** The portable finder: one regex pass for the literals, native indexOf for the URL literals and the newlines between them. */
export function findHitsJs(block: Uint8Array, view: BlockView, onHits: (hits: Int32Array, count: number) => void): BlockStats {
  const text = view.latin1(0, block.length);
  const out = new Int32Array(JS_BATCH * HIT_STRIDE);
  let n = 0;
  let lines = 0;
  let lastNl = -1;
  let nextNl = text.indexOf('\n');
  const add = (at: number, kind: Hit): void => {
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
  };
  const urls = urlHits(text);
  let u = 0;
  HITS_RE.lastIndex = 0;
  // test() allocates no match array; the match end tells which literal hit.
  while (HITS_RE.test(text)) {
    const end = HITS_RE.lastIndex;
    const kind = kindAt(text, end);
    const at = end - HIT_LENGTH[kind]!;
    for (; u < urls.length && urls[u]! < at; u += 2) add(urls[u]!, urls[u + 1]! as Hit);
    add(at, kind);
  }
  for (; u < urls.length; u += 2) add(urls[u]!, urls[u + 1]! as Hit);
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
