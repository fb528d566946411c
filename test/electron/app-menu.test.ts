/** Tests of the application menu: French labels everywhere, no developer tools when packaged. */
import { describe, expect, it } from 'vitest';
import { type MenuItemSpec, buildMenuTemplate, listMenuLabels } from '../../electron/main/app-menu';

const ENGLISH_WORDS =
  /\b(File|Edit|View|Window|Help|Quit|Undo|Redo|Cut|Copy|Paste|Select All|Reload|Toggle|Developer|Zoom In|Zoom Out|Minimize|Close|About|Hide|Lock)\b/;

function flatten(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) =>
    item.type === 'submenu' ? [item, ...flatten(item.submenu)] : [item],
  );
}

describe.each([
  { platform: 'win32', isPackaged: true },
  { platform: 'linux', isPackaged: false },
  { platform: 'darwin', isPackaged: true },
] as const)(
  'buildMenuTemplate on $platform (packaged: $isPackaged)',
  ({ platform, isPackaged }) => {
    const template = buildMenuTemplate({ platform, isPackaged, appName: 'codiag' });
    const labels = listMenuLabels(template);

    it('labels every item explicitly, in French', () => {
      expect(labels.length).toBeGreaterThan(15);
      for (const label of labels) {
        expect(label.trim()).not.toBe('');
        expect(label).not.toMatch(ENGLISH_WORDS);
      }
      expect(labels).toEqual(
        expect.arrayContaining(['Fichier', 'Édition', 'Affichage', 'Fenêtre', 'Aide']),
      );
    });

    it('offers to lock the session from the keyboard', () => {
      expect(flatten(template)).toContainEqual({
        type: 'command',
        label: 'Verrouiller la session',
        command: 'lock-now',
        accelerator: 'CmdOrCtrl+L',
      });
    });

    it(`${isPackaged ? 'hides' : 'shows'} reload and DevTools`, () => {
      const roles = flatten(template).flatMap((item) => (item.type === 'role' ? [item.role] : []));
      expect(roles.includes('toggleDevTools')).toBe(!isPackaged);
      expect(roles.includes('reload')).toBe(!isPackaged);
      expect(roles).not.toContain('forceReload');
    });
  },
);
