/** Picks the platform the renderer runs on: Electron when the preload's bridge is present. */
import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform, findBridge } from './electron-platform';
import type { Platform } from './platform';

export * from './platform';
export { createBrowserPlatform } from './browser-platform';
export { createElectronPlatform, findBridge } from './electron-platform';

export function detectPlatform(global: unknown = globalThis): Platform {
  const bridge = findBridge(global);
  return bridge ? createElectronPlatform(bridge) : createBrowserPlatform();
}
