/**
 * The `meta` rows the security code owns (key envelope, PIN throttle, idle delay), read and written
 * directly on the table: the lock screen needs them before anything else, and the storage barrel
 * would load every repository and schema of the app before it could show.
 */
import type { StorageContext } from '../storage/database';

export async function readMetaValue(ctx: StorageContext, key: string): Promise<unknown> {
  return (await ctx.db.meta.get(key))?.value;
}

export async function writeMetaValue(
  ctx: StorageContext,
  key: string,
  value: unknown,
): Promise<void> {
  await ctx.db.meta.put({ key, value });
}
