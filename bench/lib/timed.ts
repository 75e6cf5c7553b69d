// Rate measurement for short operations: calibrate a batch size so one timed repetition takes about
// `targetMs`, then repeat. Keeps each suite's run time bounded whatever the machine's speed or load.
import { sink } from './stats';

export function calibrate(op: (i: number) => unknown, targetMs: number): number {
  let batch = 16;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink.value = op(i);
    const ms = performance.now() - t0;
    if (ms >= targetMs / 4 || batch >= 1 << 24) return Math.max(1, Math.round((batch * targetMs) / Math.max(ms, 0.001)));
    batch *= 4;
  }
}

/** Operations per second of `op` over `batch` calls. */
export function ratePerSecond(op: (i: number) => unknown, batch: number): number {
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) sink.value = op(i);
  return batch / ((performance.now() - t0) / 1000);
}
