/**
 * Which reverse proxies the server believes about the client's address (X-Forwarded-For), from
 * CODIAG_TRUST_PROXY. The server listens on 127.0.0.1 behind the département's TLS proxy, so by
 * default it trusts the loopback proxy only: without that, every laptop would share the proxy's
 * address and ten wrong enrolment codes from anyone would block enrolment for everyone.
 */

/** Fastify's `trustProxy` forms used here: false, or addresses / CIDRs / proxy-addr keywords. */
export type TrustProxySetting = false | string[];

const KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;

export function trustProxyFromEnv(text: string | undefined): TrustProxySetting {
  if (text === undefined || text.trim() === '') return ['loopback'];
  if (text.trim() === 'none') return false;
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    if (!KEYWORDS.has(entry) && !ADDRESS.test(entry)) {
      throw new Error(
        `CODIAG_TRUST_PROXY: expected "none" or a comma-separated list of addresses, CIDR ranges or loopback/linklocal/uniquelocal, got ${JSON.stringify(entry)}`,
      );
    }
  }
  return entries;
}
