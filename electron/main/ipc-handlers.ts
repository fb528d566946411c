/**
 * What each IPC channel does, written against small ports instead of Electron objects so it can be
 * tested with fakes; main.ts provides the real ports (BrowserWindow, dialog, safeStorage, shell).
 */
import type { SaveDialogOptions } from 'electron';
import type { IpcResponse } from '../../shared/ipc/contract';
import { checkExternalUrl } from './external-links';
import type { IpcHandlers } from './ipc-dispatcher';
import { buildPdfSaveDialogOptions, classifyPrintResult, ensurePdfExtension } from './pdf-export';
import { type SafeStorageLike, unwrapSecret, wrapSecret } from './secure-store';
import type { SyncCredentialStore } from './sync-credentials';
import { checkServerUrl } from './sync-server-url';
import { enrollDevice, sendSyncRequest, type SyncTransportOptions } from './sync-transport';
import { TRANSPORT_MESSAGES } from '../../shared/sync/transport-messages';

/** The calling window, as far as the handlers need it. */
export interface WindowPort {
  printToPdf(): Promise<Uint8Array>;
  print(): Promise<{ success: boolean; failureReason: string }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface HandlerPorts<Ctx> {
  windowOf(context: Ctx): WindowPort | null;
  appInfo(): IpcResponse<'app:info'>;
  documentsDir(): string;
  writeFile(filePath: string, data: Uint8Array): Promise<void>;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  credentials: SyncCredentialStore;
  transport: SyncTransportOptions;
  /** Development only: lets a developer sync against http://127.0.0.1. */
  allowLoopbackHttp: boolean;
  openExternal(url: string): Promise<void>;
  /** The calling window's renderer saved what was pending: true when its close now proceeds. */
  windowFlushed(context: Ctx): boolean;
}

function requireWindow<Ctx>(ports: HandlerPorts<Ctx>, context: Ctx): WindowPort {
  const target = ports.windowOf(context);
  if (target === null) throw new Error('no window for this sender');
  return target;
}

export function createIpcHandlers<Ctx>(ports: HandlerPorts<Ctx>): IpcHandlers<Ctx> {
  return {
    'app:info': async () => ports.appInfo(),

    'pdf:export': async ({ suggestedFileName }, context) => {
      const win = requireWindow(ports, context);
      const pdf = await win.printToPdf();
      const choice = await win.showSaveDialog(
        buildPdfSaveDialogOptions(suggestedFileName, ports.documentsDir()),
      );
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') {
        return { status: 'cancelled' };
      }
      const target = ensurePdfExtension(choice.filePath);
      await ports.writeFile(target, pdf);
      return { status: 'saved', path: target };
    },

    'print:contract': async (_request, context) => {
      const result = await requireWindow(ports, context).print();
      return classifyPrintResult(result.success, result.failureReason);
    },

    'secure-store:wrap': async ({ keyBase64 }) =>
      wrapSecret(ports.safeStorage, ports.platform, keyBase64),

    'secure-store:unwrap': async ({ wrappedBase64 }) =>
      unwrapSecret(ports.safeStorage, ports.platform, wrappedBase64),

    'sync:set-server': async ({ url }) => {
      const checked = checkServerUrl(url, { allowLoopbackHttp: ports.allowLoopbackHttp });
      if (!checked.ok) return checked;
      await ports.credentials.setServer(checked.url);
      return { ok: true, status: ports.credentials.status() };
    },

    'sync:enroll': async ({ code, deviceName }) => {
      const serverUrl = ports.credentials.serverUrl();
      if (serverUrl === null)
        return { ok: false, reason: 'no-server', message: TRANSPORT_MESSAGES.noServer };
      const outcome = await enrollDevice(serverUrl, { code, deviceName }, ports.transport);
      if (!outcome.ok) return outcome;
      await ports.credentials.setEnrolment(outcome.answer.deviceId, outcome.answer.token);
      return { ok: true, status: ports.credentials.status() };
    },

    'sync:status': async () => ports.credentials.status(),

    'sync:request': async (request) => {
      const credentials = ports.credentials.credentials();
      if (credentials === null) {
        return { ok: false, reason: 'not-enrolled', message: TRANSPORT_MESSAGES.notEnrolled };
      }
      return sendSyncRequest(credentials, request, ports.transport);
    },

    'external:open': async ({ url }) => {
      const decision = checkExternalUrl(url);
      if (!decision.allowed) {
        return {
          opened: false,
          reason: decision.reason,
          message:
            decision.reason === 'invalid-url'
              ? "Ce lien n'est pas une adresse web valide."
              : "Ce site ne fait pas partie des sites que l'application peut ouvrir.",
        };
      }
      await ports.openExternal(decision.url);
      return { opened: true };
    },

    'window:flushed': async (_request, context) => ({ closing: ports.windowFlushed(context) }),
  };
}
