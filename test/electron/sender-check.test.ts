/** Tests of the IPC sender check: only the main frame of a codiag window on app://codiag. */
import { describe, expect, it } from 'vitest';
import { checkSender } from '../../electron/main/sender-check';

const trusted = new Set([7]);

describe('checkSender', () => {
  it('trusts the main frame of a codiag window on app://codiag', () => {
    expect(
      checkSender(
        { frameUrl: 'app://codiag/entretiens/3', isMainFrame: true, webContentsId: 7 },
        trusted,
      ),
    ).toEqual({ trusted: true });
  });

  it.each([
    [{ frameUrl: null, isMainFrame: true, webContentsId: 7 }, 'sender frame is gone'],
    [{ frameUrl: 'app://codiag/', isMainFrame: false, webContentsId: 7 }, 'sender is a subframe'],
    [
      { frameUrl: 'https://evil.example/', isMainFrame: true, webContentsId: 7 },
      'sender is not app://codiag',
    ],
    [
      { frameUrl: 'file:///tmp/x.html', isMainFrame: true, webContentsId: 7 },
      'sender is not app://codiag',
    ],
    [
      { frameUrl: 'app://codiag.evil/', isMainFrame: true, webContentsId: 7 },
      'sender is not app://codiag',
    ],
    [
      { frameUrl: 'app://codiag/', isMainFrame: true, webContentsId: 8 },
      'sender is not a codiag window',
    ],
  ])('refuses %o (%s)', (sender, reason) => {
    expect(checkSender(sender, trusted)).toEqual({ trusted: false, reason });
  });
});
