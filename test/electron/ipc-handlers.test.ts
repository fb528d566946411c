/** Tests of what each IPC channel does, with fake windows, keychain and shell. */
import { describe, expect, it, vi } from 'vitest';
import {
  type HandlerPorts,
  type WindowPort,
  createIpcHandlers,
} from '../../electron/main/ipc-handlers';
import { createSyncCredentialStore } from '../../electron/main/sync-credentials';

function setup(overrides: Partial<HandlerPorts<null>> = {}, window: Partial<WindowPort> = {}) {
  const writeFile = vi.fn<HandlerPorts<null>['writeFile']>(async () => undefined);
  const openExternal = vi.fn<HandlerPorts<null>['openExternal']>(async () => undefined);
  const fetch = vi.fn(
    async () => new Response('{}', { headers: { 'Content-Type': 'application/json' } }),
  );
  const win: WindowPort = {
    printToPdf: async () => new Uint8Array([37, 80, 68, 70]),
    print: async () => ({ success: true, failureReason: '' }),
    showSaveDialog: async () => ({
      canceled: false,
      filePath: '/home/conseiller/Documents/contrat',
    }),
    ...window,
  };
  const ports: HandlerPorts<null> = {
    windowOf: () => win,
    appInfo: () => ({
      name: 'codiag',
      version: '0.1.0',
      platform: 'linux',
      packaged: true,
      electronVersion: '41',
    }),
    documentsDir: () => '/home/conseiller/Documents',
    writeFile,
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.from('x'),
      decryptString: () => 'x',
    },
    platform: 'linux',
    credentials: createSyncCredentialStore({
      file: { read: async () => null, write: async () => undefined },
      cipher: () => null,
      logger: { warn: () => undefined },
    }),
    transport: { fetch },
    allowLoopbackHttp: false,
    openExternal,
    windowFlushed: () => true,
    ...overrides,
  };
  return { handlers: createIpcHandlers(ports), writeFile, openExternal, fetch };
}

describe('pdf:export', () => {
  it('prints the page, asks where to save, adds .pdf and writes the file', async () => {
    const { handlers, writeFile } = setup();
    expect(await handlers['pdf:export']({ suggestedFileName: 'contrat-2025' }, null)).toEqual({
      status: 'saved',
      path: '/home/conseiller/Documents/contrat.pdf',
    });
    expect(writeFile).toHaveBeenCalledWith(
      '/home/conseiller/Documents/contrat.pdf',
      expect.any(Uint8Array),
    );
  });

  it('writes nothing when the user cancels', async () => {
    const { handlers, writeFile } = setup({}, { showSaveDialog: async () => ({ canceled: true }) });
    expect(await handlers['pdf:export']({ suggestedFileName: 'contrat' }, null)).toEqual({
      status: 'cancelled',
    });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('fails when the sender has no window', async () => {
    const { handlers } = setup({ windowOf: () => null });
    await expect(handlers['pdf:export']({ suggestedFileName: 'contrat' }, null)).rejects.toThrow();
  });
});

describe('print:contract', () => {
  it.each([
    [{ success: true, failureReason: '' }, { status: 'printed' }],
    [{ success: false, failureReason: 'cancelled' }, { status: 'cancelled' }],
    [{ success: false, failureReason: 'Print job failed' }, { status: 'failed' }],
  ])('%o → %o', async (result, expected) => {
    const { handlers } = setup({}, { print: async () => result });
    expect(await handlers['print:contract']({}, null)).toMatchObject(expected);
  });
});

describe('external:open', () => {
  it('opens an allowed public site in the system browser', async () => {
    const { handlers, openExternal } = setup();
    expect(await handlers['external:open']({ url: 'https://www.caf.fr/' }, null)).toEqual({
      opened: true,
    });
    expect(openExternal).toHaveBeenCalledWith('https://www.caf.fr/');
  });

  it.each(['file:///C:/Windows/System32/calc.exe', 'https://evil.example/', 'ms-msdt:/id'])(
    'never hands %s to the shell',
    async (url) => {
      const { handlers, openExternal } = setup();
      expect(await handlers['external:open']({ url }, null)).toMatchObject({ opened: false });
      expect(openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('secure-store', () => {
  it('refuses to wrap with basic_text on Linux', async () => {
    const { handlers } = setup();
    expect(await handlers['secure-store:wrap']({ keyBase64: 'AAAA' }, null)).toMatchObject({
      ok: false,
      reason: 'basic-text-backend',
    });
  });
});

describe('sync', () => {
  it('refuses a plain-http server in a packaged build', async () => {
    const { handlers } = setup();
    expect(
      await handlers['sync:set-server']({ url: 'http://sync.departement.fr' }, null),
    ).toMatchObject({
      ok: false,
      reason: 'insecure-url',
    });
  });

  it('asks for a server before enrolling, and for enrolment before syncing', async () => {
    const { handlers, fetch } = setup();
    expect(
      await handlers['sync:enroll']({ code: 'ABCD-1234', deviceName: 'PC' }, null),
    ).toMatchObject({
      ok: false,
      reason: 'no-server',
    });
    await handlers['sync:set-server']({ url: 'https://sync.departement.fr' }, null);
    expect(await handlers['sync:request']({ method: 'GET', path: '/api/x' }, null)).toMatchObject({
      ok: false,
      reason: 'not-enrolled',
    });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('window:flushed', () => {
  it('tells the close guard the calling window saved, and says whether it now closes', async () => {
    const windowFlushed = vi.fn<HandlerPorts<null>['windowFlushed']>(() => false);
    const { handlers } = setup({ windowFlushed });
    expect(await handlers['window:flushed']({}, null)).toEqual({ closing: false });
    expect(windowFlushed).toHaveBeenCalledWith(null);
  });
});
