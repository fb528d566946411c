/** Tests of where the sync server address and device token live in the main process. */
import { describe, expect, it, vi } from 'vitest';
import { type TokenCipher, createSyncCredentialStore } from '../../electron/main/sync-credentials';

/** Stands in for safeStorage: reversible, but never the clear text. */
const fakeCipher: TokenCipher = {
  encrypt: (plainText) => Buffer.from(`wrapped:${plainText}`).reverse(),
  decrypt: (encrypted) =>
    Buffer.from(encrypted)
      .reverse()
      .toString()
      .replace(/^wrapped:/, ''),
};

function memoryFile(initial: string | null = null) {
  let content = initial;
  return {
    read: async () => content,
    write: async (next: string) => {
      content = next;
    },
    current: () => content,
  };
}

const logger = { warn: vi.fn() };

describe('createSyncCredentialStore', () => {
  it('persists the token only wrapped by the keychain, and reloads it', async () => {
    const file = memoryFile();
    const store = createSyncCredentialStore({ file, cipher: () => fakeCipher, logger });
    await store.setServer('https://sync.departement.fr');
    await store.setEnrolment('dev-1', 'tok_very_secret_token');
    expect(file.current()).not.toContain('tok_very_secret_token');
    expect(store.status()).toEqual({
      serverUrl: 'https://sync.departement.fr',
      deviceId: 'dev-1',
      enrolled: true,
      tokenPersisted: true,
    });

    const reloaded = createSyncCredentialStore({ file, cipher: () => fakeCipher, logger });
    await reloaded.load();
    expect(reloaded.credentials()).toEqual({
      serverUrl: 'https://sync.departement.fr',
      token: 'tok_very_secret_token',
    });
  });

  it('keeps the token in memory only when no trustworthy keychain exists', async () => {
    const file = memoryFile();
    const store = createSyncCredentialStore({ file, cipher: () => null, logger });
    await store.setServer('https://sync.departement.fr');
    await store.setEnrolment('dev-1', 'tok_very_secret_token');
    expect(store.status()).toMatchObject({ enrolled: true, tokenPersisted: false });
    expect(file.current()).not.toContain('tok_');

    const afterRestart = createSyncCredentialStore({ file, cipher: () => null, logger });
    await afterRestart.load();
    expect(afterRestart.status()).toMatchObject({ enrolled: false, deviceId: 'dev-1' });
  });

  it('forgets the token when the server changes', async () => {
    const store = createSyncCredentialStore({
      file: memoryFile(),
      cipher: () => fakeCipher,
      logger,
    });
    await store.setServer('https://a.departement.fr');
    await store.setEnrolment('dev-1', 'tok_very_secret_token');
    await store.setServer('https://b.departement.fr');
    expect(store.credentials()).toBeNull();
    expect(store.status()).toMatchObject({ enrolled: false, deviceId: null });
  });

  it.each(['not json', '{"version":2}'])(
    'ignores a damaged file (%s) and says so',
    async (content) => {
      const warn = vi.fn();
      const store = createSyncCredentialStore({
        file: memoryFile(content),
        cipher: () => fakeCipher,
        logger: { warn },
      });
      await store.load();
      expect(store.status()).toMatchObject({ serverUrl: null, enrolled: false });
      expect(warn).toHaveBeenCalledOnce();
    },
  );
});
