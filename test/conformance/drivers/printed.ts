// The error text a JavaScript driver records: what console.error prints for it (message line and the
// error's own fields), without the stack frames, which only name this machine's paths.
import { inspect } from 'node:util';

export function printed(err: unknown): string {
  const kept: string[] = [];
  for (const line of inspect(err, { depth: 4, breakLength: 120 }).split('\n')) {
    if (/^\s+at .+/.test(line)) {
      // The brace that opens the error's own fields ends the last stack line: keep it.
      if (line.endsWith(' {') && kept.length > 0 && !kept[kept.length - 1]!.endsWith(' {')) kept[kept.length - 1] += ' {';
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n');
}
