// @vitest-environment happy-dom
/**
 * The personal-code screens as the professional uses them (first run, unlock, forgotten code,
 * change of code), over a real session on fake-indexeddb with a fast key derivation; and the gate
 * that loads the app behind them.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmotionCache } from '../../../renderer/app/emotion-cache';
import { SecurityContext } from '../../../renderer/features/security/security-context';
import { SecurityGate } from '../../../renderer/features/security/SecurityGate';
import { SessionControls } from '../../../renderer/features/security/SessionControls';
import { createBrowserPlatform } from '../../../renderer/platform';
import { SecuritySession } from '../../../renderer/security/session';
import { unlockWithPin } from '../../../renderer/security/vault';
import { createSessionCodec } from '../../../renderer/storage/encrypting-codec';
import { freshFactory, open } from '../helpers';

afterEach(cleanup);

const FAST = { iterations: 1_000 };
const PIN = '482913';
const RECOVERY = 'ABCD-EFGH-JKMN-PQRS-TVWX';
const platform = createBrowserPlatform();

async function newSession(
  options: { enrolled?: boolean; locked?: boolean; onUnlocked?: () => Promise<void> } = {},
) {
  const codec = createSessionCodec();
  const storage = await open(freshFactory(), { codec });
  const session = new SecuritySession({
    storage,
    codec,
    keychain: platform,
    encryptStorage: true,
    vault: FAST,
    onUnlocked: options.onUnlocked,
  });
  await session.start();
  if (options.enrolled || options.locked) await session.enrol(PIN, RECOVERY);
  if (options.locked) await session.lock('manual');
  return { session, storage };
}

function renderGate(session: SecuritySession, prepareApp?: () => void) {
  return render(
    <SecurityGate
      session={session}
      platform={platform}
      cache={createEmotionCache()}
      prepareApp={prepareApp}
    >
      <p>L’application</p>
    </SecurityGate>,
  );
}

const field = (name: string) => screen.getByLabelText(name, { selector: 'input' });

function type(name: string, value: string) {
  fireEvent.change(field(name), { target: { value } });
}

function describedBy(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('the first-run screen', () => {
  it('refuses a code shorter than the minimum on its field, before any key is made', async () => {
    const { session } = await newSession();
    renderGate(session);
    await screen.findByRole('heading', { name: 'Protéger les données de cet ordinateur' });
    type('Code personnel', '12345');
    type('Confirmer le code personnel', '12345');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le code' }));

    const pin = field('Code personnel');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(pin)).toBe('Le code personnel doit compter au moins 6 caractères.');
    expect(screen.getByRole('alert').textContent).toMatch(/au moins 6 caractères/);
    expect(session.getSnapshot().kind).toBe('enrol');
  });

  it('says on the confirmation field when the two codes differ', async () => {
    const { session } = await newSession();
    renderGate(session);
    await screen.findByRole('button', { name: 'Créer le code' });
    type('Code personnel', PIN);
    type('Confirmer le code personnel', '482914');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le code' }));

    expect(field('Code personnel').getAttribute('aria-invalid')).toBe('false');
    const confirm = field('Confirmer le code personnel');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(confirm)).toBe('Les deux codes saisis sont différents.');
    expect(session.getSnapshot().kind).toBe('enrol');
  });

  it('creates the code with the recovery code it shows, then shows the app', async () => {
    const { session, storage } = await newSession();
    renderGate(session);
    const shown = (await screen.findByTestId('recovery-code')).textContent ?? '';
    expect(describedBy(field('Code personnel'))).toMatch(/Au moins 6 caractères/);
    type('Code personnel', PIN);
    type('Confirmer le code personnel', PIN);
    fireEvent.click(screen.getByRole('button', { name: 'Créer le code' }));

    expect(await screen.findByText('L’application')).toBeTruthy();
    await session.lock('manual');
    expect(await screen.findByRole('heading', { name: 'Session verrouillée' })).toBeTruthy();
    // The code shown is the one that opens the key when the PIN is forgotten.
    await session.recover(shown, 'nouveau-code');
    await expect(unlockWithPin(storage, platform, 'nouveau-code', FAST)).resolves.toBeTruthy();
  });
});

describe('the unlock screen', () => {
  it('says a wrong code is wrong, empties the field, and opens with the right one', async () => {
    const { session } = await newSession({ locked: true });
    renderGate(session);
    await screen.findByRole('heading', { name: 'Session verrouillée' });
    type('Code personnel', 'faux-code');
    fireEvent.click(screen.getByRole('button', { name: 'Déverrouiller' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Code incorrect.');
    expect((field('Code personnel') as HTMLInputElement).value).toBe('');
    type('Code personnel', PIN);
    fireEvent.click(screen.getByRole('button', { name: 'Déverrouiller' }));
    expect(await screen.findByText('L’application')).toBeTruthy();
  });

  it('makes the next attempt wait after too many wrong codes, even after a reload', async () => {
    const { session, storage } = await newSession({ locked: true });
    for (let i = 0; i < 4; i++) {
      await unlockWithPin(storage, platform, 'faux-code', FAST).catch(() => undefined);
    }
    renderGate(session);

    const warning = await screen.findByRole('alert');
    expect(warning.textContent).toMatch(/saisi trop de fois : nouvel essai possible dans \d+/);
    expect(
      (screen.getByRole('button', { name: 'Déverrouiller' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('sets a new code with the recovery code when the code is forgotten', async () => {
    const { session, storage } = await newSession({ locked: true });
    renderGate(session);
    const forgotten = await screen.findByRole('button', { name: 'Code oublié ?' });
    expect(forgotten.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(forgotten);
    expect(forgotten.getAttribute('aria-expanded')).toBe('true');
    const section = within(screen.getByRole('region', { name: 'Code personnel oublié' }));

    type('Code de secours', 'ABCD');
    type('Nouveau code personnel', 'court');
    fireEvent.click(section.getByRole('button', { name: 'Définir le nouveau code' }));
    expect(describedBy(field('Code de secours'))).toBe(
      'Le code de secours compte 20 caractères (5 groupes de 4).',
    );
    expect(describedBy(field('Nouveau code personnel'))).toMatch(/au moins 6 caractères/);

    type('Code de secours', RECOVERY.toLowerCase());
    type('Nouveau code personnel', 'nouveau-code');
    type('Confirmer le nouveau code personnel', 'nouveau-code');
    fireEvent.click(section.getByRole('button', { name: 'Définir le nouveau code' }));
    expect(await screen.findByText('L’application')).toBeTruthy();
    await expect(unlockWithPin(storage, platform, 'nouveau-code', FAST)).resolves.toBeTruthy();
  });
});

describe('the change of code in « Sécurité »', () => {
  it('refuses a wrong current code, then changes it and empties the fields', async () => {
    const { session, storage } = await newSession({ enrolled: true });
    render(
      <SecurityContext.Provider value={session}>
        <SessionControls />
      </SecurityContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sécurité' }));
    const dialog = within(await screen.findByRole('dialog'));
    const change = () => fireEvent.click(dialog.getByRole('button', { name: 'Changer le code' }));

    type('Code personnel actuel', 'faux-code');
    type('Nouveau code personnel', 'nouveau-code');
    type('Confirmer le nouveau code personnel', 'nouveau-code');
    change();
    expect((await dialog.findByRole('alert')).textContent).toBe(
      'Code incorrect : le code actuel saisi n’est pas le bon.',
    );

    type('Code personnel actuel', PIN);
    change();
    expect((await dialog.findByRole('status')).textContent).toBe('Le code personnel a été changé.');
    for (const name of [
      'Code personnel actuel',
      'Nouveau code personnel',
      'Confirmer le nouveau code personnel',
    ]) {
      expect((field(name) as HTMLInputElement).value).toBe('');
    }
    await expect(unlockWithPin(storage, platform, 'nouveau-code', FAST)).resolves.toBeTruthy();
  });
});

describe('the gate', () => {
  it('asks the app to load once the PIN screen shows, not before', async () => {
    const { session } = await newSession({ locked: true });
    const prepareApp = vi.fn();
    renderGate(session, prepareApp);
    expect(prepareApp).not.toHaveBeenCalled();
    await screen.findByRole('heading', { name: 'Session verrouillée' });
    await waitFor(() => expect(prepareApp).toHaveBeenCalled());
  });

  it('stays on the PIN screen until the app is ready, and says why it could not be', async () => {
    const loading: { fail?: (error: Error) => void } = {};
    const { session } = await newSession({
      onUnlocked: () => new Promise<void>((_, reject) => (loading.fail = reject)),
    });
    renderGate(session);
    await screen.findByRole('button', { name: 'Créer le code' });
    type('Code personnel', PIN);
    type('Confirmer le code personnel', PIN);
    fireEvent.click(screen.getByRole('button', { name: 'Créer le code' }));

    await waitFor(() => expect(loading.fail).toBeDefined());
    expect(screen.getByRole('status').textContent).toBe('Création de la clé de chiffrement…');
    expect(screen.queryByText('L’application')).toBeNull();
    loading.fail?.(
      Object.assign(new Error('chunk introuvable'), {
        userMessage: "codiag n'a pas pu démarrer : chunk introuvable",
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      "codiag n'a pas pu démarrer : chunk introuvable",
    );
  });

  it('says why when the database cannot open', async () => {
    const session = new SecuritySession({
      storage: Promise.reject(new Error('quota dépassé')),
      codec: createSessionCodec(),
      keychain: platform,
      encryptStorage: true,
    });
    renderGate(session);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'codiag ne peut pas ouvrir les données de cet ordinateur : quota dépassé',
    );
  });
});
