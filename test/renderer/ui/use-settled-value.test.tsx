// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS, useSettledValue } from '../../../renderer/ui';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

let settleNow: () => void = () => undefined;

function Probe({ value }: { value: string }) {
  const [settled, settle] = useSettledValue(value);
  settleNow = settle;
  return <p data-testid="settled">{settled}</p>;
}

const shown = () => screen.getByTestId('settled').textContent;

describe('useSettledValue', () => {
  it('shows the first value at once, then a new one only once it stops changing', async () => {
    vi.useFakeTimers();
    const { rerender } = render(<Probe value="a" />);
    expect(shown()).toBe('a');
    for (const value of ['ab', 'abc', 'abcd']) {
      rerender(<Probe value={value} />);
      await act(() => vi.advanceTimersByTimeAsync(SETTLE_MS - 50));
      // Typed faster than SETTLE_MS: still the first value.
      expect(shown()).toBe('a');
    }
    await act(() => vi.advanceTimersByTimeAsync(SETTLE_MS));
    expect(shown()).toBe('abcd');
  });

  it('catches up at once when asked (before printing)', async () => {
    vi.useFakeTimers();
    const { rerender } = render(<Probe value="avant" />);
    rerender(<Probe value="après" />);
    expect(shown()).toBe('avant');
    act(() => settleNow());
    expect(shown()).toBe('après');
  });
});
