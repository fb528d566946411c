/** Tests of the navigation, new-window, permission, download and external-link decisions. */
import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../electron/main/external-links';
import {
  decideDownload,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
} from '../../electron/main/navigation-policy';

describe('decideNavigation', () => {
  it.each(['app://codiag/', 'app://codiag/index.html', 'app://codiag/entretiens/3'])(
    'allows a reload of the app itself (%s)',
    (url) => {
      expect(decideNavigation(url)).toEqual({ action: 'allow' });
    },
  );

  it.each([
    'https://www.francetravail.fr/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ])('denies navigation to %s', (url) => {
    expect(decideNavigation(url).action).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('denies every new window, and sends an allowed public site to the system browser', () => {
    expect(decideWindowOpen('https://www.service-public.fr/particuliers/vosdroits/N19775')).toEqual(
      {
        action: 'deny',
        openExternally: 'https://www.service-public.fr/particuliers/vosdroits/N19775',
      },
    );
  });

  it.each([
    'app://codiag/index.html',
    'https://evil.example/',
    'http://www.caf.fr/',
    'about:blank',
  ])('denies %s without opening anything', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('decidePermission', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'unknown',
  ])('refuses %s even to app://codiag', (permission) => {
    expect(decidePermission(permission, 'app://codiag')).toBe(false);
  });
});

describe('decideDownload', () => {
  it.each([
    ['blob:app://codiag/6f1e2c1a-0000-4000-8000-000000000000', 'allow'],
    ['app://codiag/assets/guide.pdf', 'allow'],
    ['https://evil.example/malware.exe', 'deny'],
    ['blob:https://evil.example/abc', 'deny'],
    ['data:application/octet-stream;base64,AAAA', 'deny'],
  ] as const)('%s → %s', (url, expected) => {
    expect(decideDownload(url)).toBe(expected);
  });
});

describe('checkExternalUrl', () => {
  it.each([
    'https://www.francetravail.fr/candidat',
    'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087615',
    'https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/vie-personnelle/le-revenu-de-solidarite-active-rsa',
  ])('allows %s', (url) => {
    expect(checkExternalUrl(url)).toEqual({ allowed: true, url });
  });

  it.each([
    ['http://www.francetravail.fr/', 'not-allowed'],
    ['https://francetravail.fr/', 'not-allowed'],
    ['https://www.francetravail.fr.evil.example/', 'not-allowed'],
    ['https://user:pass@www.caf.fr/', 'not-allowed'],
    ['https://www.caf.fr:8443/', 'not-allowed'],
    ['file:///C:/Windows/System32/calc.exe', 'not-allowed'],
    ['smb://server/share', 'not-allowed'],
    ['javascript:alert(1)', 'not-allowed'],
    ['www.caf.fr', 'invalid-url'],
  ] as const)('refuses %s (%s)', (url, reason) => {
    expect(checkExternalUrl(url)).toMatchObject({ allowed: false, reason });
  });
});
