/**
 * What every screen needs, created once at start-up: the storage, the platform, the référentiel,
 * the clock and the id maker (shared/ takes them as arguments; the shell provides them).
 */
import { createContext, useContext } from 'react';
import { NORD_2023, type Referential } from '../../shared/referential';
import type { Platform } from '../platform';
import type { PersistenceInfo, StorageContext } from '../storage';

export interface Services {
  storage: StorageContext;
  platform: Platform;
  referential: Referential;
  /** Today's local date, YYYY-MM-DD. */
  today: () => string;
  now: () => string;
  newId: () => string;
  persistence: PersistenceInfo | null;
  demo: boolean;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesContext>');
  return services;
}

export function localToday(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

export const defaultReferential = NORD_2023;
