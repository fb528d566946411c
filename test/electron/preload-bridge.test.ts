/** Tests of the object the preload exposes as window.codiag. */
import { describe, expect, it, vi } from 'vitest';
import { type IpcRendererPort, createBridge } from '../../electron/preload/create-bridge';
import {
  CLOSE_REQUEST_CHANNEL,
  IPC_BRIDGE_METHODS,
  LOCK_EVENT_CHANNEL,
} from '../../shared/ipc/contract';

function fakeIpc(answer: unknown) {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const port = {
    invoke: vi.fn<IpcRendererPort['invoke']>(async () => answer),
    on: vi.fn<IpcRendererPort['on']>((channel, listener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    }),
    removeListener: vi.fn<IpcRendererPort['removeListener']>((channel, listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const emit = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((listener) => listener({ sender: 'ipcRenderer!' }, payload));
  return { port, emit, listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('createBridge', () => {
  it('exposes exactly one function per contract channel, plus onLock and onCloseRequest', () => {
    const bridge = createBridge(fakeIpc(null).port);
    expect(Object.keys(bridge).sort()).toEqual(
      [...Object.values(IPC_BRIDGE_METHODS), 'onLock', 'onCloseRequest'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('sends the call on its own channel and unwraps the answer', async () => {
    const { port } = fakeIpc({ ok: true, value: { opened: true } });
    const bridge = createBridge(port);
    await expect(bridge.openExternal({ url: 'https://www.caf.fr/' })).resolves.toEqual({
      opened: true,
    });
    expect(port.invoke).toHaveBeenCalledWith('external:open', { url: 'https://www.caf.fr/' });
  });

  it('sends an empty request for channels without arguments', async () => {
    const { port } = fakeIpc({ ok: true, value: {} });
    await createBridge(port).getSyncStatus();
    expect(port.invoke).toHaveBeenCalledWith('sync:status', {});
  });

  it('rejects with the error code and field paths from the main process', async () => {
    const { port } = fakeIpc({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'invalid request for pdf:export: suggestedFileName: must be a bare file name',
        issues: [{ path: 'suggestedFileName', message: 'must be a bare file name' }],
      },
    });
    await expect(createBridge(port).exportPdf({ suggestedFileName: '../x' })).rejects.toThrow(
      '[invalid-request] invalid request for pdf:export: suggestedFileName',
    );
  });

  it('rejects an answer that is not an envelope', async () => {
    await expect(createBridge(fakeIpc('garbage').port).getAppInfo()).rejects.toThrow(
      '[invalid-response]',
    );
  });

  it('passes lock events without the Electron event, ignores malformed ones, and unsubscribes', () => {
    const { port, emit, listenerCount } = fakeIpc(null);
    const callback = vi.fn();
    const unsubscribe = createBridge(port).onLock(callback);
    emit(LOCK_EVENT_CHANNEL, { reason: 'suspend' });
    emit(LOCK_EVENT_CHANNEL, { reason: 'reboot' });
    emit(LOCK_EVENT_CHANNEL, 'suspend');
    expect(callback.mock.calls).toEqual([[{ reason: 'suspend' }]]);
    unsubscribe();
    expect(listenerCount(LOCK_EVENT_CHANNEL)).toBe(0);
  });

  it('on a close request, saves first and then tells the main process, even when saving fails', async () => {
    const { port, emit, listenerCount } = fakeIpc({ ok: true, value: { closing: true } });
    const order: string[] = [];
    port.invoke.mockImplementation(async (channel) => {
      order.push(channel);
      return { ok: true, value: { closing: true } };
    });
    let fail = false;
    const unsubscribe = createBridge(port).onCloseRequest(async () => {
      order.push('flush');
      if (fail) throw new Error('disk full');
    });
    emit(CLOSE_REQUEST_CHANNEL, undefined);
    await vi.waitFor(() => expect(order).toEqual(['flush', 'window:flushed']));
    fail = true;
    emit(CLOSE_REQUEST_CHANNEL, undefined);
    await vi.waitFor(() =>
      expect(order).toEqual(['flush', 'window:flushed', 'flush', 'window:flushed']),
    );
    unsubscribe();
    expect(listenerCount(CLOSE_REQUEST_CHANNEL)).toBe(0);
  });
});
