// The bench's child processes run plain Node, which cannot load the tests' TypeScript fake of the
// `vscode` module; it is bundled once per run into the bench cache, so the bench and the tests share
// one fake (test/support/vscode.ts).
import { join } from 'node:path';
import { bundleForProfile } from './profile';

export function fakeVscodeBundle(repoDir: string, cacheDir: string): Promise<string> {
  return bundleForProfile(join(repoDir, 'test/support/vscode.ts'), join(cacheDir, 'profile', 'fake-vscode.cjs'));
}
