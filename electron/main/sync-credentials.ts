/**
 * Keeps the sync server address, the device id and the device token in the main process. The
 * token is written to disk only wrapped by the OS keychain (safeStorage); without a usable keychain
 * it stays in memory and the device must be enrolled again after a restart.
 */
import { z } from 'zod';
import type { IpcResponse } from '../../shared/ipc/contract';

/** Encrypts with the OS keychain; null when no trustworthy keychain is available. */
export interface TokenCipher {
  encrypt(plainText: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export interface TextFile {
  read(): Promise<string | null>;
  write(content: string): Promise<void>;
}

const StoredCredentialsSchema = z.object({
  version: z.literal(1),
  serverUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
  wrappedToken: z.base64().nullable(),
});

type StoredCredentials = z.infer<typeof StoredCredentialsSchema>;

export interface SyncCredentialStore {
  load(): Promise<void>;
  status(): IpcResponse<'sync:status'>;
  serverUrl(): string | null;
  /** Server URL and token together, or null when not enrolled. */
  credentials(): { serverUrl: string; token: string } | null;
  /** A new server invalidates the device token, which was issued by the previous one. */
  setServer(url: string): Promise<void>;
  setEnrolment(deviceId: string, token: string): Promise<void>;
}

export interface SyncCredentialStoreDeps {
  file: TextFile;
  cipher: () => TokenCipher | null;
  logger: { warn(message: string): void };
}

export function createSyncCredentialStore(deps: SyncCredentialStoreDeps): SyncCredentialStore {
  let serverUrl: string | null = null;
  let deviceId: string | null = null;
  let token: string | null = null;
  let tokenPersisted = false;

  async function persist(): Promise<void> {
    const cipher = token === null ? null : deps.cipher();
    const stored: StoredCredentials = {
      version: 1,
      serverUrl,
      deviceId,
      wrappedToken:
        token !== null && cipher !== null ? cipher.encrypt(token).toString('base64') : null,
    };
    tokenPersisted = stored.wrappedToken !== null;
    await deps.file.write(`${JSON.stringify(stored, null, 2)}\n`);
  }

  return {
    async load() {
      const text = await deps.file.read();
      if (text === null) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        deps.logger.warn('sync credentials file is not JSON: ignored');
        return;
      }
      const parsed = StoredCredentialsSchema.safeParse(json);
      if (!parsed.success) {
        deps.logger.warn('sync credentials file has an unexpected shape: ignored');
        return;
      }
      serverUrl = parsed.data.serverUrl;
      deviceId = parsed.data.deviceId;
      const cipher = deps.cipher();
      if (parsed.data.wrappedToken !== null && cipher !== null) {
        try {
          token = cipher.decrypt(Buffer.from(parsed.data.wrappedToken, 'base64'));
          tokenPersisted = true;
        } catch {
          deps.logger.warn('sync token could not be unwrapped by the OS keychain: enrol again');
        }
      }
    },
    status() {
      return { serverUrl, deviceId, enrolled: token !== null, tokenPersisted };
    },
    serverUrl() {
      return serverUrl;
    },
    credentials() {
      return serverUrl !== null && token !== null ? { serverUrl, token } : null;
    },
    async setServer(url) {
      if (url !== serverUrl) {
        deviceId = null;
        token = null;
      }
      serverUrl = url;
      await persist();
    },
    async setEnrolment(newDeviceId, newToken) {
      deviceId = newDeviceId;
      token = newToken;
      await persist();
    },
  };
}
