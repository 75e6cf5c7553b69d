// Where the browser tests find Chromium: $AUTH_LENS_CHROMIUM when set, else the first Chromium or
// Chrome on PATH. No fixed path and no look at how it was installed, so the tests run wherever a
// browser is (scripts/ensure-test-deps.sh installs Debian's).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const chosen = env.AUTH_LENS_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`AUTH_LENS_CHROMIUM is ${chosen}, which does not exist`);
    return chosen;
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`no Chromium on PATH (looked for ${NAMES.join(', ')}): run \`bash scripts/ensure-test-deps.sh\` or set AUTH_LENS_CHROMIUM`);
}
