/** An error answered to the client as `{ error: { code, message, … } }` with an HTTP status. */
import type { ErrorCode, ErrorResponse } from '../../shared/sync/messages';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorResponse['error'], 'code' | 'message'> = {},
    /** For 429: sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorResponse {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** Deliberately says nothing about why (unknown, revoked or malformed token). */
export const unauthorized = (): ApiError => new ApiError(401, 'unauthorized', 'unauthorized');
