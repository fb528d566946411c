/**
 * Electron main process entry: wires the decisions of the sibling modules to Electron's APIs
 * (privileged app:// scheme, hardened window, IPC with sender checks, keychain, PDF, power events,
 * single instance, French menu). Keep it thin: any logic belongs in a module that can be tested.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BrowserWindow,
  type IpcMainInvokeEvent,
  Menu,
  type MenuItemConstructorOptions,
  app,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { ipcChannels } from '../../shared/ipc/contract';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { type MenuCommand, type MenuItemSpec, buildMenuTemplate } from './app-menu';
import { buildAppResponse } from './app-protocol';
import { createCloseGuard } from './close-guard';
import { createIpcDispatcher } from './ipc-dispatcher';
import { createIpcHandlers } from './ipc-handlers';
import { LOCKING_POWER_EVENTS, createLockNotifier } from './lock-notifier';
import {
  decideDownload,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
} from './navigation-policy';
import { CONTRACT_PDF_OPTIONS, CONTRACT_PRINT_OPTIONS } from './pdf-export';
import { checkSecureStorage } from './secure-store';
import { APP_SCHEME_PRIVILEGES, buildWebPreferences, canOpenDevTools } from './security-policy';
import { checkSender } from './sender-check';
import { decideStartup, focusExistingWindow } from './single-instance';
import { createSmokeSaveDialog } from './smoke-export';
import { createSyncCredentialStore } from './sync-credentials';

/** Replaced at build time by electron/tools/build-electron.ts (CODIAG_AUTO_UPDATE=1): off by default. */
declare const __CODIAG_AUTO_UPDATE__: boolean;

const logger = {
  warn: (message: string) => console.warn(`[codiag] ${message}`),
  error: (message: string) => console.error(`[codiag] ${message}`),
};

const appRoot = app.getAppPath();
const rendererRoot = path.join(appRoot, 'out', 'renderer');
const preloadPath = path.join(appRoot, 'out', 'electron', 'preload.cjs');
const devTools = canOpenDevTools({
  isPackaged: app.isPackaged,
  envFlag: process.env.CODIAG_DEVTOOLS,
});

// Smoke test only (electron/tools/smoke.ts): the exported PDF goes into a given folder, no dialog.
const smokeSaveDialog = createSmokeSaveDialog(process.env);
if (smokeSaveDialog !== null) logger.warn('smoke test: PDF exports go to CODIAG_SMOKE_EXPORT_DIR');

let mainWindow: BrowserWindow | null = null;
const trustedWebContentsIds = new Set<number>();
const closeGuard = createCloseGuard();

// Must run before `ready`: the scheme's privileges are fixed when Chromium starts.
protocol.registerSchemesAsPrivileged([...APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (decideStartup(app.requestSingleInstanceLock()) === 'quit') {
  app.quit();
} else {
  app.on('second-instance', () => {
    focusExistingWindow(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

function hardenWebContents(contents: Electron.WebContents): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });
  contents.on('will-navigate', (event, url) => {
    if (decideNavigation(url).action === 'deny') {
      event.preventDefault();
      logger.warn('navigation refused');
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (decideNavigation(event.url).action === 'deny') event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url).action === 'deny') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally !== null) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  if (!devTools) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

function hardenSession(ses: Electron.Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    if (decideDownload(item.getURL()) === 'deny') event.preventDefault();
  });
}

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await buildAppResponse(request.url, rendererRoot);
    const body = typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
  };
}

const safeStorageForPlatform = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  getSelectedStorageBackend:
    process.platform === 'linux' ? () => safeStorage.getSelectedStorageBackend() : undefined,
  encryptString: (plainText: string) => safeStorage.encryptString(plainText),
  decryptString: (encrypted: Buffer) => safeStorage.decryptString(encrypted),
};

const credentialsFile = () => path.join(app.getPath('userData'), 'sync-device.json');

const credentials = createSyncCredentialStore({
  file: {
    read: async () => {
      try {
        return await readFile(credentialsFile(), 'utf8');
      } catch {
        return null;
      }
    },
    write: async (content) => {
      await mkdir(path.dirname(credentialsFile()), { recursive: true });
      await writeFile(credentialsFile(), content, { encoding: 'utf8', mode: 0o600 });
    },
  },
  cipher: () =>
    checkSecureStorage(safeStorageForPlatform, process.platform).ok
      ? {
          encrypt: (plainText) => safeStorage.encryptString(plainText),
          decrypt: (encrypted) => safeStorage.decryptString(encrypted),
        }
      : null,
  logger,
});

function registerIpc(): void {
  const handlers = createIpcHandlers<IpcMainInvokeEvent>({
    windowOf: (event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      if (win === null) return null;
      return {
        printToPdf: () => win.webContents.printToPDF(CONTRACT_PDF_OPTIONS),
        print: () =>
          new Promise((resolve) => {
            win.webContents.print(CONTRACT_PRINT_OPTIONS, (success, failureReason) =>
              resolve({ success, failureReason }),
            );
          }),
        showSaveDialog: (options) =>
          smokeSaveDialog !== null ? smokeSaveDialog(options) : dialog.showSaveDialog(win, options),
      };
    },
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      packaged: app.isPackaged,
      electronVersion: process.versions.electron ?? 'unknown',
    }),
    documentsDir: () => app.getPath('documents'),
    writeFile: (filePath, data) => writeFile(filePath, data),
    safeStorage: safeStorageForPlatform,
    platform: process.platform,
    credentials,
    // Chromium's network stack: the system proxy and the OS certificate store (a département's
    // internal CA) apply, unlike Node's fetch.
    transport: { fetch: (url, init) => net.fetch(url, init) },
    allowLoopbackHttp: !app.isPackaged,
    openExternal: (url) => shell.openExternal(url),
    windowFlushed: (event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      return win === null ? false : closeGuard.flushed(win.id);
    },
  });
  const dispatcher = createIpcDispatcher<IpcMainInvokeEvent>(handlers, {
    checkSender: (event) => checkSender(senderOf(event), trustedWebContentsIds),
    logger,
  });
  for (const channel of ipcChannels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatcher.dispatch(channel, event, payload),
    );
  }
}

const lockNotifier = createLockNotifier(() =>
  BrowserWindow.getAllWindows()
    .filter((win) => trustedWebContentsIds.has(win.webContents.id))
    .map((win) => win.webContents),
);

function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'lock-now':
      lockNotifier.notify('menu');
      return;
    case 'about':
      void dialog.showMessageBox({
        type: 'info',
        title: `À propos de ${app.getName()}`,
        message: `${app.getName()} ${app.getVersion()}`,
        detail: 'Co-diagnostic RSA France Travail – Département.',
        buttons: ['Fermer'],
      });
      return;
    default: {
      const missing: never = command;
      throw new Error(`unhandled menu command ${String(missing)}`);
    }
  }
}

function toElectronMenu(items: readonly MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { label: item.label, role: item.role, accelerator: item.accelerator };
      case 'command':
        return {
          label: item.label,
          accelerator: item.accelerator,
          click: () => runMenuCommand(item.command),
        };
      case 'submenu':
        return { label: item.label, submenu: toElectronMenu(item.submenu) };
    }
  });
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'codiag',
    backgroundColor: '#ffffff',
    webPreferences: buildWebPreferences({ preloadPath, devTools }),
  });
  const id = win.webContents.id;
  trustedWebContentsIds.add(id);
  const windowId = win.id;
  // Held back once so the renderer saves what was typed in the last 300 ms (close-guard.ts).
  win.on('close', (event) => {
    const guarded = {
      id: windowId,
      isDestroyed: () => win.isDestroyed(),
      send: (channel: string) => win.webContents.send(channel),
      close: () => win.close(),
    };
    if (closeGuard.holdClose(guarded)) event.preventDefault();
  });
  win.on('closed', () => {
    closeGuard.forget(windowId);
    trustedWebContentsIds.delete(id);
    if (mainWindow === win) mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function startAutoUpdate(): Promise<void> {
  const { autoUpdater } = await import('electron-updater');
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.on('error', (error: Error) => logger.error(`auto-update failed (${error.name})`));
  await autoUpdater.checkForUpdates();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  registerAppProtocol();
  await credentials.load();
  registerIpc();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      toElectronMenu(
        buildMenuTemplate({
          platform: process.platform,
          isPackaged: app.isPackaged,
          appName: app.getName(),
        }),
      ),
    ),
  );
  powerMonitor.on('suspend', () => lockNotifier.notify(LOCKING_POWER_EVENTS.suspend));
  powerMonitor.on('lock-screen', () => lockNotifier.notify(LOCKING_POWER_EVENTS['lock-screen']));
  mainWindow = createMainWindow();
  if (__CODIAG_AUTO_UPDATE__ && app.isPackaged) {
    void startAutoUpdate().catch(() => logger.error('auto-update check failed'));
  }
}
