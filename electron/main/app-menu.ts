/**
 * The application menu, in French, as plain data: main.ts turns it into an Electron Menu and
 * binds the commands. Every item has an explicit label, since Electron's role defaults are English.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuRole = NonNullable<MenuItemConstructorOptions['role']>;

/** Actions main.ts implements; a missing one fails to compile there (exhaustive switch). */
export type MenuCommand = 'lock-now' | 'about';

export type MenuItemSpec =
  | { type: 'separator' }
  | { type: 'role'; label: string; role: MenuRole; accelerator?: string }
  | { type: 'command'; label: string; command: MenuCommand; accelerator?: string }
  | { type: 'submenu'; label: string; submenu: MenuItemSpec[] };

export interface MenuInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
}

const separator: MenuItemSpec = { type: 'separator' };

function role(label: string, menuRole: MenuRole, accelerator?: string): MenuItemSpec {
  return accelerator === undefined
    ? { type: 'role', label, role: menuRole }
    : { type: 'role', label, role: menuRole, accelerator };
}

function command(label: string, menuCommand: MenuCommand, accelerator?: string): MenuItemSpec {
  return accelerator === undefined
    ? { type: 'command', label, command: menuCommand }
    : { type: 'command', label, command: menuCommand, accelerator };
}

function submenu(label: string, items: MenuItemSpec[]): MenuItemSpec {
  return { type: 'submenu', label, submenu: items };
}

export function buildMenuTemplate(input: MenuInput): MenuItemSpec[] {
  const isMac = input.platform === 'darwin';
  const about = command(`À propos de ${input.appName}`, 'about');
  const macAppMenu = submenu(input.appName, [
    about,
    separator,
    role(`Masquer ${input.appName}`, 'hide'),
    role('Masquer les autres', 'hideOthers'),
    role('Tout afficher', 'unhide'),
    separator,
    role(`Quitter ${input.appName}`, 'quit'),
  ]);
  const file = submenu('Fichier', [
    command('Verrouiller la session', 'lock-now', 'CmdOrCtrl+L'),
    ...(isMac ? [] : [separator, role('Quitter', 'quit', 'Ctrl+Q')]),
  ]);
  const edit = submenu('Édition', [
    role('Annuler', 'undo'),
    role('Rétablir', 'redo'),
    separator,
    role('Couper', 'cut'),
    role('Copier', 'copy'),
    role('Coller', 'paste'),
    separator,
    role('Tout sélectionner', 'selectAll'),
  ]);
  const view = submenu('Affichage', [
    role('Zoom avant', 'zoomIn'),
    role('Zoom arrière', 'zoomOut'),
    role('Taille réelle', 'resetZoom'),
    separator,
    role('Plein écran', 'togglefullscreen'),
    // Reload and DevTools are developer tools: absent from packaged builds.
    ...(input.isPackaged
      ? []
      : [
          separator,
          role('Recharger', 'reload'),
          role('Outils de développement', 'toggleDevTools'),
        ]),
  ]);
  const windowMenu = submenu('Fenêtre', [
    role('Réduire', 'minimize'),
    role('Fermer la fenêtre', 'close'),
  ]);
  const help = submenu('Aide', [about]);
  return [...(isMac ? [macAppMenu] : []), file, edit, view, windowMenu, help];
}

/** Every label of a template, depth first (for tests and for checking translations). */
export function listMenuLabels(items: readonly MenuItemSpec[]): string[] {
  return items.flatMap((item) => {
    switch (item.type) {
      case 'separator':
        return [];
      case 'role':
      case 'command':
        return [item.label];
      case 'submenu':
        return [item.label, ...listMenuLabels(item.submenu)];
    }
  });
}
