// The shape of one fuzz property and the helpers that build one; shared by every property list.
import fc from 'fast-check';

export interface FuzzProperty {
  /** Stable name, used by `npm run fuzz -- --only <substring>`. */
  name: string;
  /** A property whose predicate throws (or returns false) on a broken promise. */
  build(): fc.IRawProperty<[unknown, ...unknown[]], false>;
  /** Relative cost: the test runner gives heavier properties fewer runs. */
  weight?: number;
}

export function fail(message: string, detail?: unknown): never {
  const extra = detail === undefined ? '' : `: ${safeJson(detail).slice(0, 400)}`;
  throw new Error(message + extra);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function prop<T>(name: string, arb: fc.Arbitrary<T>, check: (value: T) => void, weight = 1): FuzzProperty {
  return {
    name,
    weight,
    build: () =>
      fc.property(arb, (value) => {
        check(value);
      }) as unknown as fc.IRawProperty<[unknown, ...unknown[]], false>,
  };
}

