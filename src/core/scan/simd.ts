// The scanner's pre-filter as a small WebAssembly SIMD kernel, assembled here from named instructions
// (no toolchain, no binary blob to trust). Per 16 bytes it compares a few byte pairs that every
// literal of interest contains ("AA", "rr", "r?c", "e?J", "t-i", "h2", "tus"; "/." "/d" "/t" for the
// discovery and managed-identity URLs) and the newline; only the rare blocks with a candidate leave
// the vector path, and a candidate is confirmed with whole-word compares before it is reported. It
// runs several times faster than a regex over the same text.
//
// Where WebAssembly cannot be compiled (a webview whose CSP forbids it, an old runtime) the scanner
// keeps its portable finder; both fill the same hit list (see ./hits).
import { Hit, HIT_STRIDE, type HitFinder } from './hits';

// ---- A minimal assembler -------------------------------------------------------------------------

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

const I32 = 0x7f;
const V128 = 0x7b;
const VOID = 0x40;

const op = {
  block: [0x02, VOID],
  loop: [0x03, VOID],
  if: [0x04, VOID],
  else: [0x05],
  end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  get: (l: number) => [0x20, ...uleb(l)],
  set: (l: number) => [0x21, ...uleb(l)],
  tee: (l: number) => [0x22, ...uleb(l)],
  i32Load: (offset = 0) => [0x28, 0x00, ...uleb(offset)],
  load8: (offset = 0) => [0x2d, 0x00, ...uleb(offset)],
  load16: (offset = 0) => [0x2f, 0x00, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 0x00, ...uleb(offset)],
  const: (n: number) => [0x41, ...sleb(n | 0)],
  eqz: [0x45],
  eq: [0x46],
  ne: [0x47],
  ltS: [0x48],
  geS: [0x4e],
  clz: [0x67],
  ctz: [0x68],
  popcnt: [0x69],
  add: [0x6a],
  sub: [0x6b],
  and: [0x71],
  or: [0x72],
  shl: [0x74],
  shrU: [0x76],
  select: [0x1b],
  v128Load: (offset = 0) => [0xfd, 0x00, 0x00, ...uleb(offset)],
  splat8: [0xfd, ...uleb(15)],
  eq8: [0xfd, ...uleb(35)],
  vAnd: [0xfd, ...uleb(78)],
  vOr: [0xfd, ...uleb(80)],
  anyTrue: [0xfd, ...uleb(83)],
  bitmask8: [0xfd, ...uleb(100)],
};

function ascii(s: string): number {
  let v = 0;
  for (let i = s.length - 1; i >= 0; i--) v = (v << 8) | s.charCodeAt(i);
  return v | 0;
}

// ---- Memory layout -------------------------------------------------------------------------------

/** Bytes of a block examined per kernel call. */
export const WINDOW = 64 * 1024;
/** Where a window's first byte sits: the bytes before it are the block's preceding bytes (or zeros). */
const IN = 16;
/** Real bytes after the window the kernel may read to confirm a literal (longest look-ahead is 32). */
const AFTER = 32;
const PAD = 64;
const STATS = (IN + WINDOW + AFTER + PAD + 15) & ~15;
const OUT = STATS + 16;
/** At most one hit per byte of the window. */
const OUT_BYTES = WINDOW * HIT_STRIDE * 4;
const PAGES = Math.ceil((OUT + OUT_BYTES) / 65536);

// ---- The kernel ----------------------------------------------------------------------------------

/**
 * scan(from, to, base, out) → hit count. Looks at anchors in memory [from, to), reads the running
 * newline count, last-newline offset, NUL count and first NUL offset from STATS and writes back the
 * first two (the NUL fields are updated in place); positions it reports are memory offsets plus
 * `base` (the caller's block offsets).
 */
function kernelBody(): { locals: number[][]; code: number[] } {
  // params
  const FROM = 0;
  const TO = 1;
  const BASE = 2;
  const OUTP = 3;
  // i32 locals
  let next = 4;
  const I = next++;
  const NL = next++;
  const LAST = next++;
  const N = next++;
  const NLMASK = next++;
  const BITS = next++;
  const LANE = next++;
  const P = next++;
  const BELOW = next++;
  const MA = next++;
  const MR = next++;
  const MT = next++;
  const ME = next++;
  const MQ = next++;
  const MH = next++;
  const MS = next++;
  const MD = next++;
  const BIT = next++;
  const W = next++;
  const NULS = next++;
  const FULL = next++;
  const i32Count = next - 4;
  // v128 locals
  const V = next++;
  const V1 = next++;
  const V2 = next++;
  const EQR = next++;
  const EQT = next++;
  const CA = next++;
  const CR = next++;
  const CT = next++;
  const CE = next++;
  const CQ = next++;
  const CH = next++;
  const CN = next++;
  const CS = next++;
  const CD = next++;
  const SPLATS = 'AraceJh2tus/.d-im\n\0'.split('');
  const splat: Record<string, number> = {};
  for (const ch of SPLATS) splat[ch] = next++;
  const v128Count = next - 4 - i32Count;

  const c: number[] = [];
  const emit = (...parts: (number | number[])[]): void => {
    for (const p of parts) {
      if (Array.isArray(p)) c.push(...p);
      else c.push(p);
    }
  };
  const vEqSplat = (v: number, ch: string): number[] => [...op.get(v), ...op.get(splat[ch]!), ...op.eq8];

  /** Writes one hit: start = P + delta (+ base), kind, newlines before, last newline before. */
  const hit = (delta: number, kind: Hit): number[] => [
    // out[n*16] = P + delta + base
    ...op.get(OUTP), ...op.get(N), ...op.const(4), ...op.shl, ...op.add,
    ...op.get(P), ...op.const(delta), ...op.add, ...op.get(BASE), ...op.add,
    ...op.i32Store(0),
    ...op.get(OUTP), ...op.get(N), ...op.const(4), ...op.shl, ...op.add,
    ...op.const(kind),
    ...op.i32Store(4),
    // newlines before: NL + popcnt(BELOW)
    ...op.get(OUTP), ...op.get(N), ...op.const(4), ...op.shl, ...op.add,
    ...op.get(NL), ...op.get(BELOW), ...op.popcnt, ...op.add,
    ...op.i32Store(8),
    // last newline before: BELOW ? I + 31 - clz(BELOW) + BASE : LAST
    ...op.get(OUTP), ...op.get(N), ...op.const(4), ...op.shl, ...op.add,
    ...op.get(I), ...op.const(31), ...op.add, ...op.get(BELOW), ...op.clz, ...op.sub, ...op.get(BASE), ...op.add,
    ...op.get(LAST),
    ...op.get(BELOW),
    ...op.select,
    ...op.i32Store(12),
    ...op.get(N), ...op.const(1), ...op.add, ...op.set(N),
  ];

  /** `if hit(delta, kind); br continueDepth end`, with the condition already on the stack. */
  const ifHit = (delta: number, kind: Hit, continueDepth: number): number[] => [
    ...op.if, ...hit(delta, kind), ...op.br(continueDepth), ...op.end,
  ];
  const maskHas = (mask: number): number[] => [...op.get(mask), ...op.get(BIT), ...op.and];
  function loadByte(delta: number): number[] {
    // P + delta may be below P: load8 offsets are unsigned, so subtract first.
    return delta >= 0 ? [...op.get(P), ...op.load8(delta)] : [...op.get(P), ...op.const(-delta), ...op.sub, ...op.load8(0)];
  }
  function loadWord(delta: number): number[] {
    return delta >= 0 ? [...op.get(P), ...op.i32Load(delta)] : [...op.get(P), ...op.const(-delta), ...op.sub, ...op.i32Load(0)];
  }
  function loadHalf(delta: number): number[] {
    return delta >= 0 ? [...op.get(P), ...op.load16(delta)] : [...op.get(P), ...op.const(-delta), ...op.sub, ...op.load16(0)];
  }
  const lowerIs = (delta: number, ch: string): number[] => [...loadByte(delta), ...op.const(0x20), ...op.or, ...op.const(ch.charCodeAt(0)), ...op.eq];
  const wordIs = (delta: number, s: string): number[] => [...loadWord(delta), ...op.const(ascii(s)), ...op.eq];
  const halfIs = (delta: number, s: string): number[] => [...loadHalf(delta), ...op.const(ascii(s)), ...op.eq];
  const byteIs = (delta: number, ch: string): number[] => [...loadByte(delta), ...op.const(ch.charCodeAt(0)), ...op.eq];
  /** `s` at P + delta, a word at a time. */
  const textIs = (delta: number, s: string): number[] => {
    const parts: number[][] = [];
    let i = 0;
    for (; i + 4 <= s.length; i += 4) parts.push(wordIs(delta + i, s.slice(i, i + 4)));
    for (; i < s.length; i++) parts.push(byteIs(delta + i, s[i]!));
    return parts.flatMap((p, i) => (i === 0 ? p : [...p, ...op.and]));
  };

  // Setup: splats, running state.
  for (const ch of SPLATS) emit(op.const(ch.charCodeAt(0)), op.splat8, op.set(splat[ch]!));
  emit(op.const(0), op.i32Load(STATS), op.set(NL));
  emit(op.const(0), op.i32Load(STATS + 4), op.set(LAST));
  emit(op.get(FROM), op.set(I));

  /** One 16-byte step at I; `partial`: the last step, whose lanes past `to` are masked off. */
  const step = (partial: boolean): void => {
    emit(op.get(I), op.v128Load(0), op.set(V));
    emit(op.get(I), op.v128Load(1), op.set(V1));
    emit(op.get(I), op.v128Load(2), op.set(V2));
    emit(vEqSplat(V, 'A'), vEqSplat(V1, 'A'), op.vAnd, op.set(CA));
    emit(vEqSplat(V, 'r'), op.tee(EQR), vEqSplat(V1, 'r'), op.vAnd, op.set(CR));
    emit(op.get(EQR), vEqSplat(V2, 'c'), op.vAnd, op.set(CT));
    emit(vEqSplat(V, 'e'), vEqSplat(V2, 'J'), op.vAnd, op.set(CE));
    // request-id by its "t-i": a lone "q" is in every "request" of a log's prose.
    emit(vEqSplat(V, 't'), op.tee(EQT), vEqSplat(V1, '-'), op.vAnd, vEqSplat(V2, 'i'), op.vAnd, op.set(CQ));
    emit(vEqSplat(V, 'h'), vEqSplat(V1, '2'), op.vAnd, op.set(CH));
    emit(op.get(EQT), vEqSplat(V1, 'u'), op.vAnd, vEqSplat(V2, 's'), op.vAnd, op.set(CS));
    // "/." "/d" "/t" "/m": one compare each after a shared "/" keeps the step short; they are rare in
    // ordinary logs, and the "/t" of a token URL is on a line read anyway.
    emit(vEqSplat(V1, '.'), vEqSplat(V1, 'd'), op.vOr, vEqSplat(V1, 't'), op.vOr, vEqSplat(V1, 'm'), op.vOr, vEqSplat(V, '/'), op.vAnd, op.set(CD));
    // Lanes of this step that lie inside [from, to): all of them but in the last, partial step.
    if (partial) {
      emit(op.get(TO), op.get(I), op.sub, op.set(W));
      emit(op.const(1), op.get(W), op.shl, op.const(1), op.sub, op.set(W));
    }
    emit(vEqSplat(V, '\n'), op.bitmask8, ...(partial ? [...op.get(W), ...op.and] : []), op.set(NLMASK));

    emit(vEqSplat(V, '\0'), op.set(CN));
    emit(op.get(CA), op.get(CR), op.vOr, op.get(CT), op.get(CE), op.vOr, op.vOr, op.get(CQ), op.get(CH), op.vOr, op.get(CN), op.vOr, op.vOr, op.get(CS), op.get(CD), op.vOr, op.vOr, op.anyTrue);
    emit(op.if);
    {
      // NUL bytes (binary input): counted, and the first one's offset kept.
      emit(op.get(CN), op.bitmask8, ...(partial ? [...op.get(W), ...op.and] : []), op.tee(NULS));
      emit(op.if);
      emit(op.const(0), op.const(0), op.i32Load(STATS + 8), op.get(NULS), op.popcnt, op.add, op.i32Store(STATS + 8));
      emit(op.const(0), op.i32Load(STATS + 12), op.const(0), op.ltS);
      emit(op.if, op.const(0), op.get(I), op.get(NULS), op.ctz, op.add, op.get(BASE), op.add, op.i32Store(STATS + 12), op.end);
      emit(op.end);
      emit(op.get(CA), op.bitmask8, op.set(MA));
      emit(op.get(CR), op.bitmask8, op.set(MR));
      emit(op.get(CT), op.bitmask8, op.set(MT));
      emit(op.get(CE), op.bitmask8, op.set(ME));
      emit(op.get(CQ), op.bitmask8, op.set(MQ));
      emit(op.get(CH), op.bitmask8, op.set(MH));
      emit(op.get(CS), op.bitmask8, op.set(MS));
      emit(op.get(CD), op.bitmask8, op.set(MD));
      emit(op.get(MA), op.get(MR), op.or, op.get(MT), op.or, op.get(ME), op.or, op.get(MQ), op.or, op.get(MH), op.or, op.get(MS), op.or, op.get(MD), op.or, ...(partial ? [...op.get(W), ...op.and] : []), op.set(BITS));
      emit(op.block); // $lanesDone
      emit(op.loop); // $lanes
      {
        emit(op.get(BITS), op.eqz, op.brIf(1));
        emit(op.get(BITS), op.ctz, op.set(LANE));
        emit(op.const(1), op.get(LANE), op.shl, op.set(BIT));
        emit(op.get(BITS), op.get(BITS), op.const(1), op.sub, op.and, op.set(BITS));
        emit(op.get(I), op.get(LANE), op.add, op.set(P));
        emit(op.get(NLMASK), op.get(BIT), op.const(1), op.sub, op.and, op.set(BELOW));
        // Each candidate kind is checked in turn; a confirmed hit goes on with the next lane: inside
        // `if (mask has lane) { if (confirmed) { hit; br $lanes } }` the lane loop is 2 levels up.
        const cont = 2;
        // AADSTS: "AADS" "TS"
        emit(maskHas(MA), op.if, wordIs(0, 'AADS'), halfIs(4, 'TS'), op.and, ifHit(0, Hit.Aadsts, cont), op.end);
        // [eE]rror at P-1, [cC]orrelation at P-2
        emit(maskHas(MR), op.if);
        emit(wordIs(0, 'rror'), lowerIs(-1, 'e'), op.and, ifHit(-1, Hit.Error, cont));
        emit(wordIs(0, 'rrel'), wordIs(4, 'atio'), op.and, byteIs(8, 'n'), op.and, byteIs(-1, 'o'), op.and, lowerIs(-2, 'c'), op.and, ifHit(-2, Hit.Correlation, cont));
        emit(op.end);
        // [tT]race at P-1
        emit(maskHas(MT), op.if, wordIs(0, 'race'), lowerIs(-1, 't'), op.and, ifHit(-1, Hit.Trace, cont), op.end);
        // eyJ
        emit(maskHas(ME), op.if, byteIs(1, 'y'), ifHit(0, Hit.Jwt, cont), op.end);
        // request-id at P-6 (the lane is its "t")
        emit(maskHas(MQ), op.if, wordIs(-6, 'requ'), wordIs(-2, 'est-'), op.and, halfIs(2, 'id'), op.and, ifHit(-6, Hit.RequestId, cont), op.end);
        // oauth2/ at P-4
        emit(maskHas(MH), op.if, wordIs(-4, 'oaut'), halfIs(1, '2/'), op.and, ifHit(-4, Hit.TokenEndpoint, cont), op.end);
        // [sS]tatus at P-3 (the lane is its second 't')
        emit(maskHas(MS), op.if, wordIs(-2, 'tatu'), lowerIs(-3, 's'), op.and, ifHit(-3, Hit.Status, cont), op.end);
        // At a "/": /.well-known/openid-configuration, /discovery/instance, [mM][sS][iI]/token at P-3
        // (the three letters before the "/" lower-cased at once).
        emit(maskHas(MD), op.if);
        emit(textIs(0, '/.well-known/openid-configuration'), ifHit(0, Hit.OpenIdConfig, cont));
        emit(textIs(0, '/discovery/instance'), ifHit(0, Hit.InstanceDiscovery, cont));
        emit(loadWord(-3), op.const(0x00202020), op.or, op.const(ascii('msi/')), op.eq, textIs(1, 'token'), op.and, ifHit(-3, Hit.AppServiceMsi, cont));
        // @azure/msal- at P-6, then "b" or "c": msal-browser's line prefix (msal-browser, msal-common).
        emit(textIs(-6, '@azure/msal-'), loadByte(6), op.const(0x01), op.or, op.const(0x63), op.eq, op.and, ifHit(-6, Hit.MsalJs, cont));
        emit(op.end);
        emit(op.br(0));
      }
      emit(op.end); // loop $lanes
      emit(op.end); // block $lanesDone
    }
    emit(op.end); // if any
    // Newlines of this step.
    emit(op.get(NL), op.get(NLMASK), op.popcnt, op.add, op.set(NL));
    emit(op.get(I), op.const(31), op.add, op.get(NLMASK), op.clz, op.sub, op.get(BASE), op.add, op.get(LAST), op.get(NLMASK), op.select, op.set(LAST));
  };

  // Whole steps first (no masking), then the partial one, if any.
  emit(op.get(TO), op.get(FROM), op.sub, op.const(-16), op.and, op.get(FROM), op.add, op.set(FULL));
  emit(op.block); // $full
  emit(op.get(I), op.get(FULL), op.geS, op.brIf(0));
  emit(op.loop); // $steps
  step(false);
  emit(op.get(I), op.const(16), op.add, op.tee(I), op.get(FULL), op.ltS, op.brIf(0));
  emit(op.end); // loop $steps
  emit(op.end); // block $full
  emit(op.get(I), op.get(TO), op.ltS, op.if);
  step(true);
  emit(op.end);
  emit(op.const(0), op.get(NL), op.i32Store(STATS));
  emit(op.const(0), op.get(LAST), op.i32Store(STATS + 4));
  emit(op.get(N));
  return { locals: [[...uleb(i32Count), I32], [...uleb(v128Count), V128]], code: c };
}

function moduleBytes(): Uint8Array {
  const { locals, code } = kernelBody();
  const funcBody = [...vec(locals), ...code, ...op.end];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32]]), ...vec([[I32]])]])),
    ...section(3, vec([uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(PAGES)]])),
    ...section(7, vec([
      [...uleb(6), ...'memory'.split('').map((ch) => ch.charCodeAt(0)), 0x02, 0x00],
      [...uleb(4), ...'scan'.split('').map((ch) => ch.charCodeAt(0)), 0x00, 0x00],
    ])),
    ...section(10, vec([[...uleb(funcBody.length), ...funcBody]])),
  ];
  return new Uint8Array(bytes);
}

// ---- The finder ----------------------------------------------------------------------------------

interface Kernel {
  scan(from: number, to: number, base: number, out: number): number;
  mem: Uint8Array;
  stats: Int32Array;
  out: Int32Array;
}

/** The part of the WebAssembly API used here (the project's type libraries do not all declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

function instantiate(): Kernel | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return null;
    const instance = new wasm.Instance(new wasm.Module(moduleBytes()), {});
    const memory = instance.exports.memory as { buffer: ArrayBuffer };
    const scan = instance.exports.scan as (from: number, to: number, base: number, out: number) => number;
    return {
      scan,
      mem: new Uint8Array(memory.buffer),
      stats: new Int32Array(memory.buffer, STATS, 4),
      out: new Int32Array(memory.buffer, OUT, OUT_BYTES / 4),
    };
  } catch {
    // No WebAssembly SIMD here, or a policy forbids compiling it: the portable finder is used.
    return null;
  }
}

/**
 * A HitFinder on the SIMD kernel, or null where it cannot run. One kernel instance serves one
 * finder; the finder is synchronous, so scanners sharing it never interleave.
 */
export function createSimdHitFinder(): HitFinder | null {
  const k = instantiate();
  if (!k) return null;
  const { mem, stats, out } = k;
  return (block, _view, onHits) => {
    stats[0] = 0;
    stats[1] = -1;
    stats[2] = 0;
    stats[3] = -1;
    const len = block.length;
    for (let s = 0; s < len; s += WINDOW) {
      const e = Math.min(len, s + WINDOW);
      // The window with up to IN bytes of the block before it and AFTER bytes after it; zeros
      // beyond the block, so no literal is confirmed across its edges.
      const before = Math.min(s, IN);
      if (before < IN) mem.fill(0, 0, IN - before);
      const after = Math.min(len, e + AFTER);
      mem.set(block.subarray(s - before, after), IN - before);
      const dataEnd = IN + (after - s);
      mem.fill(0, dataEnd, dataEnd + PAD);
      const n = k.scan(IN, IN + (e - s), s - IN, OUT);
      if (n > 0) onHits(out, n);
    }
    return { newlines: stats[0]!, nuls: stats[2]!, firstNul: stats[3]! };
  };
}
