/**
 * A value drawn once it has stopped changing: what depends on text being typed (the contract
 * beside the field) is drawn again when they pause, not on every keystroke, so the keystroke's
 * frame is not delayed by it. `settle` catches up at once (before printing the page).
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** How long the value must stay the same before it is drawn (a pause between words). */
export const SETTLE_MS = 150;

export function useSettledValue<T>(value: T, ms = SETTLE_MS): [T, () => void] {
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
    const timer = setTimeout(() => startTransition(() => setSettled(value)), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  const settle = useCallback(() => flushSync(() => setSettled(latest.current)), []);
  return [settled, settle];
}
