/**
 * The single entry point of every IPC call in the main process: checks the sender, parses the
 * request with the contract, runs the handler, parses its response, and wraps the outcome in an
 * envelope. Logs name channels, codes and field paths, never payloads (they hold personal data).
 */
import {
  type IpcChannel,
  type IpcEnvelope,
  type IpcError,
  type IpcParsedRequest,
  type IpcResponse,
  isIpcChannel,
  parseIpcPayload,
} from '../../shared/ipc/contract';
import type { SenderDecision } from './sender-check';

export type IpcHandler<C extends IpcChannel, Ctx> = (
  request: IpcParsedRequest<C>,
  context: Ctx,
) => Promise<IpcResponse<C>>;

export type IpcHandlers<Ctx> = { readonly [C in IpcChannel]: IpcHandler<C, Ctx> };

export interface IpcLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface IpcDispatcherOptions<Ctx> {
  checkSender: (context: Ctx) => SenderDecision;
  logger: IpcLogger;
}

export interface IpcDispatcher<Ctx> {
  dispatch(channel: string, context: Ctx, payload: unknown): Promise<IpcEnvelope<IpcChannel>>;
}

function failure(code: IpcError['code'], message: string, issues: IpcError['issues'] = []) {
  return { ok: false as const, error: { code, message, issues } };
}

/** Describes a thrown value without its message, which may carry a path or a person's name. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) {
    return 'code' in thrown && typeof thrown.code === 'string'
      ? `${thrown.name} ${thrown.code}`
      : thrown.name;
  }
  return typeof thrown;
}

export function createIpcDispatcher<Ctx>(
  handlers: IpcHandlers<Ctx>,
  options: IpcDispatcherOptions<Ctx>,
): IpcDispatcher<Ctx> {
  const { logger } = options;

  async function run<C extends IpcChannel>(
    channel: C,
    context: Ctx,
    payload: unknown,
  ): Promise<IpcEnvelope<C>> {
    const request = parseIpcPayload(channel, 'request', payload);
    if (!request.ok) {
      logger.warn(
        `ipc ${channel}: invalid request at ${request.issues.map((i) => i.path).join(', ')}`,
      );
      return failure('invalid-request', request.message, request.issues);
    }
    let raw: unknown;
    try {
      const handler: IpcHandler<C, Ctx> = handlers[channel];
      raw = await handler(request.value, context);
    } catch (thrown) {
      logger.error(`ipc ${channel}: handler failed (${describeThrown(thrown)})`);
      return failure('handler-failed', `${channel} failed in the main process`);
    }
    const response = parseIpcPayload(channel, 'response', raw);
    if (!response.ok) {
      logger.error(
        `ipc ${channel}: handler returned an invalid response at ${response.issues.map((i) => i.path).join(', ')}`,
      );
      return failure('invalid-response', response.message, response.issues);
    }
    return { ok: true, value: response.value };
  }

  return {
    async dispatch(channel, context, payload) {
      if (!isIpcChannel(channel)) {
        logger.warn('ipc: call on an unknown channel refused');
        return failure('unknown-channel', 'unknown IPC channel');
      }
      const sender = options.checkSender(context);
      if (!sender.trusted) {
        logger.warn(`ipc ${channel}: sender refused (${sender.reason})`);
        return failure('forbidden-sender', `sender refused: ${sender.reason}`);
      }
      return run(channel, context, payload);
    },
  };
}
