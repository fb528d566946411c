/** Tests of CODIAG_TRUST_PROXY parsing (which proxies may tell the client's address). */
import { describe, expect, it } from 'vitest';
import { trustProxyFromEnv } from '../../server/http/trust-proxy';

describe('trustProxyFromEnv', () => {
  it('trusts the loopback proxy by default, nothing with "none"', () => {
    expect(trustProxyFromEnv(undefined)).toEqual(['loopback']);
    expect(trustProxyFromEnv('  ')).toEqual(['loopback']);
    expect(trustProxyFromEnv('none')).toBe(false);
  });

  it('accepts addresses, CIDR ranges and proxy-addr keywords', () => {
    expect(trustProxyFromEnv('10.0.0.5, 192.168.0.0/16,loopback,::1')).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'loopback',
      '::1',
    ]);
  });

  it('names the bad entry', () => {
    expect(() => trustProxyFromEnv('loopback,proxy.departement.fr')).toThrow(
      /CODIAG_TRUST_PROXY: .*got "proxy.departement.fr"/,
    );
    expect(() => trustProxyFromEnv('true')).toThrow(/got "true"/);
  });
});
