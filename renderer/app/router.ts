/** A tiny hash router (no dependency): the routes of the app and a hook that follows the hash. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'agenda' }
  | { name: 'interview'; id: string }
  | { name: 'contract'; id: string }
  | { name: 'beneficiary-view'; id: string }
  | { name: 'sync' }
  | { name: 'dashboard' }
  | { name: 'not-found'; path: string };

const ID = '([A-Za-z0-9_-]{1,64})';
const PATTERNS: [RegExp, (id: string) => Route][] = [
  [new RegExp(`^/interview/${ID}$`), (id) => ({ name: 'interview', id })],
  [new RegExp(`^/interview/${ID}/contract$`), (id) => ({ name: 'contract', id })],
  [new RegExp(`^/interview/${ID}/beneficiary-view$`), (id) => ({ name: 'beneficiary-view', id })],
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  if (path === '/' || path === '/agenda') return { name: 'agenda' };
  if (path === '/sync') return { name: 'sync' };
  if (path === '/tableau-de-bord') return { name: 'dashboard' };
  for (const [pattern, make] of PATTERNS) {
    const match = pattern.exec(path);
    if (match?.[1]) return make(match[1]);
  }
  return { name: 'not-found', path };
}

export function hrefFor(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'agenda':
      return '#/';
    case 'interview':
      return `#/interview/${route.id}`;
    case 'contract':
      return `#/interview/${route.id}/contract`;
    case 'beneficiary-view':
      return `#/interview/${route.id}/beneficiary-view`;
    case 'sync':
      return '#/sync';
    case 'dashboard':
      return '#/tableau-de-bord';
  }
}

export function navigate(route: Exclude<Route, { name: 'not-found' }>): void {
  window.location.hash = hrefFor(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
