/** Tests of the safeStorage wrapping of the data key, and of the refusal of weak backends. */
import { describe, expect, it } from 'vitest';
import {
  type SafeStorageLike,
  checkSecureStorage,
  unwrapSecret,
  wrapSecret,
} from '../../electron/main/secure-store';

function fakeSafeStorage(backend: string | null, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    ...(backend === null ? {} : { getSelectedStorageBackend: () => backend }),
    encryptString: (plainText) => Buffer.from(plainText, 'utf8').reverse(),
    decryptString: (encrypted) => {
      if (encrypted.length === 0) throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(encrypted).reverse().toString('utf8');
    },
  };
}

describe('checkSecureStorage', () => {
  it('refuses the Linux basic_text backend and says why, in French', () => {
    const check = checkSecureStorage(fakeSafeStorage('basic_text'), 'linux');
    expect(check).toMatchObject({ ok: false, reason: 'basic-text-backend' });
    if (check.ok) return;
    expect(check.message).toMatch(/trousseau/);
    expect(check.message).toMatch(/mot de passe fixe/);
  });

  it.each([
    ['linux', 'gnome_libsecret', true, { ok: true }],
    ['linux', 'kwallet6', true, { ok: true }],
    ['linux', 'unknown', true, { ok: false, reason: 'unavailable' }],
    ['linux', 'gnome_libsecret', false, { ok: false, reason: 'unavailable' }],
    ['win32', null, true, { ok: true }],
    ['win32', null, false, { ok: false, reason: 'unavailable' }],
  ] as const)('%s with backend %s, available=%s → %o', (platform, backend, available, expected) => {
    expect(checkSecureStorage(fakeSafeStorage(backend, available), platform)).toMatchObject(
      expected,
    );
  });
});

describe('wrapSecret / unwrapSecret', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('round-trips a key through the OS keychain', () => {
    const safe = fakeSafeStorage('gnome_libsecret');
    const wrapped = wrapSecret(safe, 'linux', key);
    expect(wrapped.ok).toBe(true);
    if (!wrapped.ok) return;
    expect(wrapped.wrappedBase64).not.toBe(key);
    expect(unwrapSecret(safe, 'linux', wrapped.wrappedBase64)).toEqual({
      ok: true,
      keyBase64: key,
    });
  });

  it('does not wrap with basic_text', () => {
    expect(wrapSecret(fakeSafeStorage('basic_text'), 'linux', key)).toMatchObject({
      ok: false,
      reason: 'basic-text-backend',
    });
  });

  it('reports a blob the keychain cannot open', () => {
    expect(unwrapSecret(fakeSafeStorage(null), 'win32', '')).toMatchObject({
      ok: false,
      reason: 'undecryptable',
    });
  });
});
