import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptJson, encryptJson } from '../../../renderer/security/aes-gcm';
import {
  generateDataKey,
  PBKDF2_ITERATIONS,
  rewrapDataKey,
  unwrapDataKey,
  WrongSecretError,
  wrapDataKey,
} from '../../../renderer/security/key-wrapping';

const FAST = 1_000; // iterations for tests that are not about the KDF's cost

describe('the data key', () => {
  it('is wrapped with PBKDF2-SHA256 at 600 000 iterations by default, and the blob holds no key', async () => {
    const { key, keyId } = await generateDataKey();
    const wrapped = await wrapDataKey(key, keyId, '482913');
    expect(wrapped).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, keyId });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const raw = Buffer.from(await crypto.subtle.exportKey('raw', key)).toString('base64');
    expect(JSON.stringify(wrapped)).not.toContain(raw);
    const unwrapped = await unwrapDataKey(wrapped, '482913');
    const record = await encryptJson(key, keyId, 'r1', { a: 1 });
    expect(await decryptJson(unwrapped, 'r1', record)).toEqual({ a: 1 });
  });

  it('refuses a wrong PIN with a WrongSecretError', async () => {
    const { key, keyId } = await generateDataKey();
    const wrapped = await wrapDataKey(key, keyId, 'correct horse', FAST);
    await expect(unwrapDataKey(wrapped, 'correct house')).rejects.toBeInstanceOf(WrongSecretError);
  });

  it('refuses a tampered wrapped key', async () => {
    const { key, keyId } = await generateDataKey();
    const wrapped = await wrapDataKey(key, keyId, '123456', FAST);
    const bytes = Buffer.from(wrapped.wrapped, 'base64');
    bytes[3] = (bytes[3] as number) ^ 1;
    await expect(
      unwrapDataKey({ ...wrapped, wrapped: bytes.toString('base64') }, '123456'),
    ).rejects.toBeInstanceOf(WrongSecretError);
    await expect(unwrapDataKey({ ...wrapped, keyId: 'other' }, '123456')).rejects.toBeInstanceOf(
      WrongSecretError,
    );
  });

  it('changes PIN by re-wrapping the same key: old records still decrypt, the old PIN no longer works', async () => {
    const { key, keyId } = await generateDataKey();
    const wrapped = await wrapDataKey(key, keyId, 'old-pin-1', FAST);
    const record = await encryptJson(key, keyId, 'r1', { note: 'texte' });
    const rewrapped = await rewrapDataKey(wrapped, 'old-pin-1', 'new-pin-2', FAST);
    expect(rewrapped.salt).not.toBe(wrapped.salt);
    await expect(unwrapDataKey(rewrapped, 'old-pin-1')).rejects.toBeInstanceOf(WrongSecretError);
    expect(await decryptJson(await unwrapDataKey(rewrapped, 'new-pin-2'), 'r1', record)).toEqual({
      note: 'texte',
    });
  });

  it('refuses a PIN shorter than 6 characters', async () => {
    const { key, keyId } = await generateDataKey();
    await expect(wrapDataKey(key, keyId, '12345', FAST)).rejects.toThrow(/at least 6/);
  });
});

describe('record encryption (AES-GCM)', () => {
  it('round-trips any JSON value and never stores the plain text', async () => {
    const { key, keyId } = await generateDataKey();
    const value = { lastName: 'Fictif-Chiffré', notes: 'Santé : suivi <b>MDPH</b> — accents éèà' };
    const payload = await encryptJson(key, keyId, 'itw-1', value);
    expect(payload.data).not.toContain('Fictif');
    expect(Buffer.from(payload.data, 'base64').toString('latin1')).not.toContain('Fictif');
    expect(await decryptJson(key, 'itw-1', payload)).toEqual(value);
  });

  it('uses a fresh IV each time', async () => {
    const { key, keyId } = await generateDataKey();
    const a = await encryptJson(key, keyId, 'x', 'same');
    const b = await encryptJson(key, keyId, 'x', 'same');
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
  });

  it('detects tampering, a wrong key and a ciphertext moved to another record', async () => {
    const { key, keyId } = await generateDataKey();
    const other = await generateDataKey();
    const payload = await encryptJson(key, keyId, 'itw-1', { a: 1 });
    const tampered = Buffer.from(payload.data, 'base64');
    tampered[0] = (tampered[0] as number) ^ 0x80;
    await expect(
      decryptJson(key, 'itw-1', { ...payload, data: tampered.toString('base64') }),
    ).rejects.toBeInstanceOf(DecryptionError);
    await expect(decryptJson(other.key, 'itw-1', payload)).rejects.toBeInstanceOf(DecryptionError);
    await expect(decryptJson(key, 'itw-2', payload)).rejects.toBeInstanceOf(DecryptionError);
  });
});
