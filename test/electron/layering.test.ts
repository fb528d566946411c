/**
 * Tests the rule that keeps electron/ testable: only main.ts and preload.ts import `electron` at
 * run time; every other module may import its types only.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const electronDir = path.resolve(import.meta.dirname, '..', '..', 'electron');
const ENTRY_POINTS = new Set(['main/main.ts', 'preload/preload.ts']);

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(electronDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith('tools'));
}

describe('electron/ layering', () => {
  it('imports electron at run time only from the two entry points', async () => {
    const offenders: string[] = [];
    const sources = await listSources(electronDir);
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      if (ENTRY_POINTS.has(file)) continue;
      const text = await readFile(path.join(electronDir, file), 'utf8');
      const valueImport = /^import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m.test(text);
      const requireCall = /require\(\s*['"]electron['"]\s*\)/.test(text);
      if (valueImport || requireCall) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
