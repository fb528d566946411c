/** Builds the renderer once before the end-to-end tests (they drive the built app, not a dev server). */
import { execFileSync } from 'node:child_process';
import { REPO } from './harness';

export function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
}
