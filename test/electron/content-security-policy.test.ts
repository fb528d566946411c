/** Tests of the renderer's Content-Security-Policy and of the nonce injection into index.html. */
import { describe, expect, it } from 'vitest';
import {
  CSP_NONCE_PLACEHOLDER,
  buildContentSecurityPolicy,
  buildCspDirectives,
  createCspNonce,
  injectCspNonce,
} from '../../electron/main/content-security-policy';

const nonce = createCspNonce();
const directives = buildCspDirectives(nonce);
const header = buildContentSecurityPolicy(nonce);

describe('the Content-Security-Policy', () => {
  it('never allows inline code or eval', () => {
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
  });

  it("gives Emotion's style tags the nonce and nothing else inline", () => {
    expect(directives['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['script-src-attr']).toEqual(["'none'"]);
  });

  it('forbids all network to the renderer', () => {
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(header).not.toMatch(/https?:/);
  });

  it.each([
    ['default-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ['form-action', "'none'"],
  ])('sets %s to %s', (name, value) => {
    expect(directives[name]).toEqual([value]);
    expect(header).toContain(`${name} ${value}`);
  });

  it('uses a new 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createCspNonce()));
    expect(nonces.size).toBe(50);
    expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('refuses a weak nonce', () => {
    expect(() => buildCspDirectives('abc')).toThrow(/128 bits/);
  });
});

describe('injectCspNonce', () => {
  it("replaces Vite's placeholder everywhere and keeps Vite's meta tag", () => {
    const html = `<html><head><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"><script type="module" nonce="${CSP_NONCE_PLACEHOLDER}" src="/assets/a.js"></script></head></html>`;
    const out = injectCspNonce(html, nonce);
    expect(out).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(out.split(nonce)).toHaveLength(3);
    expect(out.match(/csp-nonce/g)).toHaveLength(1);
  });

  it('adds the meta tag Emotion reads when the build has none', () => {
    const out = injectCspNonce('<!doctype html><html><head><title>x</title></head></html>', nonce);
    expect(out).toContain(`<head><meta property="csp-nonce" nonce="${nonce}"><title>`);
  });
});
