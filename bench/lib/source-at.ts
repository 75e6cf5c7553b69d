// Code as it was at an earlier commit, bundled next to the current code, so a suite can measure both in
// the same run (ratios that hold on a busy or a different machine). The old source comes from git
// history; a clone without that commit (shallow, no git) gets a reason instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** Bundles `entrySource(srcRoot)` (minified, like the production bundles) into `outDir`/`name`. */
async function bundle(entrySource: string, outDir: string, name: string, repoDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'entry.ts');
  writeFileSync(entry, entrySource);
  const outfile = join(outDir, name);
  // The archived source finds its packages in the repo's node_modules.
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'silent', nodePaths: [join(repoDir, 'node_modules')] });
  return outfile;
}

/**
 * The entry `entry(srcRoot)` bundled twice: over `src/` at commit `rev` and over the current `src/`.
 * `probe` is a file under src/ that must exist in the unpacked old source.
 */
export async function bundlesAt(
  repoDir: string,
  cacheDir: string,
  rev: string,
  what: { name: string; probe: string; entry: (srcRoot: string) => string },
): Promise<{ current: string; before: string } | { reason: string }> {
  const dir = join(cacheDir, `${what.name}-${rev}`);
  if (!existsSync(join(dir, 'src', what.probe))) {
    const tar = spawnSync('git', ['-C', repoDir, 'archive', '--format=tar', rev, 'src'], { maxBuffer: 256 << 20 });
    if (tar.status !== 0) return { reason: `git archive ${rev} failed: ${String(tar.stderr).trim().split('\n')[0] ?? 'no git'}` };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (x.status !== 0) return { reason: `could not unpack ${rev}: ${String(x.stderr).trim()}` };
  }
  const file = `${what.name}.js`;
  return {
    before: await bundle(what.entry(join(dir, 'src')), join(dir, 'bundle'), file, repoDir),
    current: await bundle(what.entry(join(repoDir, 'src')), join(cacheDir, `${what.name}-current`), file, repoDir),
  };
}
