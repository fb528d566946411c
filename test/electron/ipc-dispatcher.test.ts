/** Tests of the IPC dispatcher: sender check, request and response parsing, error envelopes. */
import { describe, expect, it, vi } from 'vitest';
import { type IpcHandlers, createIpcDispatcher } from '../../electron/main/ipc-dispatcher';
import type { SenderDecision } from '../../electron/main/sender-check';

interface FakeContext {
  trusted: boolean;
}

const status = { serverUrl: null, deviceId: null, enrolled: false, tokenPersisted: false };

function fakeHandlers(overrides: Partial<IpcHandlers<FakeContext>> = {}): IpcHandlers<FakeContext> {
  return {
    'app:info': async () => ({
      name: 'codiag',
      version: '0.1.0',
      platform: 'linux',
      packaged: false,
      electronVersion: '41.7.1',
    }),
    'pdf:export': async () => ({ status: 'cancelled' }),
    'print:contract': async () => ({ status: 'printed' }),
    'secure-store:wrap': async () => ({ ok: true, wrappedBase64: 'AAAA' }),
    'secure-store:unwrap': async () => ({ ok: true, keyBase64: 'AAAA' }),
    'sync:set-server': async () => ({ ok: true, status }),
    'sync:enroll': async () => ({ ok: true, status }),
    'sync:status': async () => status,
    'sync:request': async () => ({ ok: true, status: 200, body: { items: [] } }),
    'external:open': async () => ({ opened: true }),
    'window:flushed': async () => ({ closing: true }),
    ...overrides,
  };
}

function setup(overrides: Partial<IpcHandlers<FakeContext>> = {}) {
  const logger = {
    warn: vi.fn<(message: string) => void>(),
    error: vi.fn<(message: string) => void>(),
  };
  const dispatcher = createIpcDispatcher<FakeContext>(fakeHandlers(overrides), {
    checkSender: (context): SenderDecision =>
      context.trusted ? { trusted: true } : { trusted: false, reason: 'sender is a subframe' },
    logger,
  });
  const logged = () => [...logger.warn.mock.calls, ...logger.error.mock.calls].flat().join('\n');
  return { dispatcher, logger, logged };
}

const trusted: FakeContext = { trusted: true };

describe('createIpcDispatcher', () => {
  it('answers a valid call with the parsed response', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.dispatch('sync:status', trusted, {})).toEqual({
      ok: true,
      value: status,
    });
  });

  it('refuses an unknown channel', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.dispatch('shell:exec', trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });

  it('refuses an untrusted sender without running the handler', async () => {
    const handler = vi.fn(async () => ({ opened: true as const }));
    const { dispatcher } = setup({ 'external:open': handler });
    const answer = await dispatcher.dispatch(
      'external:open',
      { trusted: false },
      {
        url: 'https://www.caf.fr/',
      },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('names every failing field path of a bad payload, and does not log the values', async () => {
    const handler = vi.fn();
    const { dispatcher, logged } = setup({ 'sync:request': handler });
    const answer = await dispatcher.dispatch('sync:request', trusted, {
      method: 'GET',
      path: '/api/../admin',
      body: { note: 'Mme Dupont, née le 01/02/1980' },
      token: 'sneaky',
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid-request');
    expect(answer.error.issues.map((issue) => issue.path).sort()).toEqual(['(root)', 'path']);
    expect(answer.error.message).toContain('path: must not contain . or .. segments');
    expect(handler).not.toHaveBeenCalled();
    expect(logged()).toContain('ipc sync:request: invalid request at');
    expect(logged()).not.toContain('Dupont');
  });

  it('turns a handler that throws into handler-failed, without its message in the log', async () => {
    const { dispatcher, logged } = setup({
      'pdf:export': async () => {
        throw Object.assign(new Error('EACCES: /home/x/contrat-Dupont.pdf'), { code: 'EACCES' });
      },
    });
    const answer = await dispatcher.dispatch('pdf:export', trusted, {
      suggestedFileName: 'contrat.pdf',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'handler-failed' } });
    expect(logged()).toContain('handler failed (Error EACCES)');
    expect(logged()).not.toContain('Dupont');
  });

  it('refuses a handler response that breaks the contract', async () => {
    const { dispatcher } = setup({
      // @ts-expect-error the handler deliberately breaks the contract
      'sync:request': async () => ({ ok: true, status: 42, body: undefined }),
    });
    const answer = await dispatcher.dispatch('sync:request', trusted, {
      method: 'GET',
      path: '/api/x',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
    if (answer.ok) return;
    expect(answer.error.issues.map((issue) => issue.path)).toContain('status');
  });
});
