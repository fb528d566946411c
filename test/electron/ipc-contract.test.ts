/** Tests of the IPC contract's schemas and of the parse helper that lists every failing field. */
import { describe, expect, it } from 'vitest';
import {
  IPC_BRIDGE_METHODS,
  IPC_CHANNELS,
  formatIssuePath,
  ipcContract,
  parseIpcPayload,
} from '../../shared/ipc/contract';

describe('the IPC contract', () => {
  it('has a request and response schema and a bridge method for every channel', () => {
    expect(Object.keys(ipcContract).sort()).toEqual([...IPC_CHANNELS].sort());
    expect(Object.keys(IPC_BRIDGE_METHODS).sort()).toEqual([...IPC_CHANNELS].sort());
    expect(new Set(Object.values(IPC_BRIDGE_METHODS)).size).toBe(IPC_CHANNELS.length);
  });

  it('lists every failing field path of a bad request, not only the first', () => {
    const result = parseIpcPayload('sync:request', 'request', {
      method: 'TRACE',
      path: 'http://evil/',
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...new Set(result.issues.map((issue) => issue.path))].sort()).toEqual([
      '(root)',
      'method',
      'path',
    ]);
    expect(result.message).toMatch(/^invalid request for sync:request: /);
    expect(result.message).toContain('method:');
    expect(result.message).toContain('path:');
  });

  it('names nested paths with dots and indices', () => {
    expect(formatIssuePath(['body', 'items', 2, 'id'])).toBe('body.items[2].id');
    expect(formatIssuePath([])).toBe('(root)');
  });

  it.each(['/api/sync/pull?cursor=12', '/api/sync/push', '/api/referentials/nord-2023'])(
    'accepts the sync path %s',
    (path) => {
      expect(parseIpcPayload('sync:request', 'request', { method: 'GET', path }).ok).toBe(true);
    },
  );

  it.each([
    'api/sync',
    '//evil.example/x',
    '/api/../admin',
    '/api/./x',
    '/api//x',
    '/api/sync#frag',
    'https://evil.example/',
    '/api/%2e%2e/admin',
    '/api\\admin',
  ])('refuses the sync path %s', (path) => {
    expect(parseIpcPayload('sync:request', 'request', { method: 'GET', path }).ok).toBe(false);
  });

  it.each(['contrat-dupont.pdf', 'CEO 2025-03-01'])('accepts the file name %s', (name) => {
    expect(parseIpcPayload('pdf:export', 'request', { suggestedFileName: name }).ok).toBe(true);
  });

  it.each([
    '../etc/passwd',
    'C:\\Windows\\x.pdf',
    '.hidden.pdf',
    '',
    'a\u0000b.pdf',
    'x'.repeat(121),
  ])('refuses the file name %j', (name) => {
    const result = parseIpcPayload('pdf:export', 'request', { suggestedFileName: name });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.every((issue) => issue.path === 'suggestedFileName')).toBe(true);
  });

  it('refuses a response that does not match the contract', () => {
    const response = parseIpcPayload('pdf:export', 'response', { status: 'saved' });
    expect(response).toMatchObject({ ok: false, issues: [{ path: 'path' }] });
  });
});
