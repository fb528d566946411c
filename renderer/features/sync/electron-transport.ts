/**
 * The Electron transport: every call goes through the main process (shared/ipc/contract.ts
 * `sync:*`), which joins the path to the configured server, adds the device token it holds and
 * makes the request. The renderer never sees the token.
 */
import type { PlatformSync } from '../../platform';
import {
  TRANSPORT_MESSAGES,
  type EnrolOutcome,
  type SyncTransport,
  type TransportStatus,
} from './transport';

export function createElectronTransport(sync: PlatformSync): SyncTransport {
  const status = async (): Promise<TransportStatus> => {
    const s = await sync.status();
    return {
      serverUrl: s.serverUrl,
      deviceId: s.deviceId,
      enrolled: s.enrolled,
      professional: null,
    };
  };
  return {
    kind: 'electron',
    status,
    enrol: async (input): Promise<EnrolOutcome> => {
      const server = await sync.setServer({ url: input.serverUrl });
      if (!server.ok) {
        return {
          ok: false,
          reason: server.reason,
          message:
            server.reason === 'insecure-url'
              ? TRANSPORT_MESSAGES.insecureUrl
              : TRANSPORT_MESSAGES.invalidUrl,
        };
      }
      const enrolled = await sync.enrol({ code: input.code, deviceName: input.deviceName });
      if (enrolled.ok) return { ok: true, status: { ...enrolled.status, professional: null } };
      switch (enrolled.reason) {
        case 'rejected':
          return { ok: false, reason: 'refused', message: TRANSPORT_MESSAGES.refused };
        case 'invalid-response':
          return { ok: false, reason: 'invalid-response', message: enrolled.message };
        case 'no-server':
        case 'not-enrolled':
        case 'network':
        case 'timeout':
          return { ok: false, reason: 'network', message: enrolled.message };
        default: {
          const never: never = enrolled.reason;
          throw new Error(`unknown enrolment failure ${String(never)}`);
        }
      }
    },
    post: async (path, body) => {
      const outcome = await sync.request({
        method: 'POST',
        path,
        body: JSON.parse(JSON.stringify(body)) as IpcJson,
      });
      if (outcome.ok) return { ok: true, status: outcome.status, body: outcome.body };
      if (outcome.reason === 'rejected') {
        return { ok: false, reason: 'invalid-response', message: outcome.message };
      }
      return { ok: false, reason: outcome.reason, message: outcome.message };
    },
  };
}

type IpcJson = Parameters<PlatformSync['request']>[0]['body'];
