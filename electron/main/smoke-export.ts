/**
 * Where the PDF export goes during the desktop smoke test (`npm run smoke:electron`,
 * electron/tools/smoke.ts): a native save dialog cannot be driven over the DevTools protocol, so
 * when CODIAG_SMOKE_EXPORT_DIR names an absolute folder, the file is written there instead of
 * asking. Whoever can set a process's environment already controls it (docs/security.md, "IPC").
 */
import path from 'node:path';

export const SMOKE_EXPORT_DIR_ENV = 'CODIAG_SMOKE_EXPORT_DIR';

const MAX_NAME_LENGTH = 120;

/** Stands in for `dialog.showSaveDialog`: never cancelled, always inside the smoke folder. */
export type SmokeSaveDialog = (options: {
  defaultPath?: string;
}) => Promise<{ canceled: false; filePath: string }>;

/** The folder, or null when the variable is unset or empty; a relative path is refused. */
export function smokeExportDir(env: Readonly<Record<string, string | undefined>>): string | null {
  const value = env[SMOKE_EXPORT_DIR_ENV];
  if (value === undefined || value === '') return null;
  if (!path.isAbsolute(value)) {
    throw new Error(`${SMOKE_EXPORT_DIR_ENV} must be an absolute path`);
  }
  return path.resolve(value);
}

/**
 * The proposed file's name, without any directory (either separator), reduced to letters, digits,
 * `.`, `_` and `-`, never starting with a dot, ending in `.pdf`, placed directly in `dir`.
 */
export function smokeExportPath(dir: string, proposedPath: string | undefined): string {
  const base = (proposedPath ?? '').split(/[\\/]/).pop() ?? '';
  const withoutExtension = base.replace(/\.pdf$/i, '');
  const safe = withoutExtension
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, MAX_NAME_LENGTH);
  const target = path.join(dir, `${safe === '' ? 'contrat' : safe}.pdf`);
  if (path.dirname(target) !== path.resolve(dir))
    throw new Error('smoke export outside its folder');
  return target;
}

/**
 * null outside a smoke run: main.ts then shows the real dialog. With a relative folder, every
 * export fails (no dialog, no file) rather than write somewhere that depends on the working folder.
 */
export function createSmokeSaveDialog(
  env: Readonly<Record<string, string | undefined>>,
): SmokeSaveDialog | null {
  let dir: string | null;
  try {
    dir = smokeExportDir(env);
  } catch (error) {
    return () => Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  if (dir === null) return null;
  const folder = dir;
  return (options) =>
    Promise.resolve({ canceled: false, filePath: smokeExportPath(folder, options.defaultPath) });
}
