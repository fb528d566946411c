/**
 * The shape of `window.codiag`, the only API the preload exposes to the renderer: one function per
 * contract channel plus the lock subscription. The renderer's Electron platform declares it.
 */
import type { IPC_BRIDGE_METHODS, IpcChannel } from './channels';
import type { IpcRequest, IpcResponse, LockEvent } from './contract';

/** Channels whose request has no required field can be called without an argument. */
export type BridgeFunction<C extends IpcChannel> =
  Record<never, never> extends IpcRequest<C>
    ? (request?: IpcRequest<C>) => Promise<IpcResponse<C>>
    : (request: IpcRequest<C>) => Promise<IpcResponse<C>>;

export type CodiagBridge = {
  readonly [C in IpcChannel as (typeof IPC_BRIDGE_METHODS)[C]]: BridgeFunction<C>;
} & {
  /** Calls back when the session must lock; returns the unsubscribe function. */
  readonly onLock: (callback: (event: LockEvent) => void) => () => void;
  /**
   * Calls back when the window is about to close; once the returned promise settles (saved or
   * not), the preload tells the main process, which closes the window. Returns the unsubscribe.
   */
  readonly onCloseRequest: (callback: () => Promise<void>) => () => void;
};
