/**
 * Where the professionals were on the page (scroll and focused field), kept in sessionStorage so
 * that a reload or a restarted renderer puts them back exactly there.
 */
const KEY = (id: string) => `codiag:position:${id}`;

interface Position {
  scrollY: number;
  focusId: string | null;
}

export function rememberPosition(id: string): () => void {
  let frame = 0;
  const save = () => {
    const active = document.activeElement;
    const position: Position = {
      scrollY: window.scrollY,
      focusId: active instanceof HTMLElement && active.id ? active.id : null,
    };
    sessionStorage.setItem(KEY(id), JSON.stringify(position));
  };
  const onScroll = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(save);
  };
  window.addEventListener('scroll', onScroll, { passive: true });
  document.addEventListener('focusin', save);
  return () => {
    cancelAnimationFrame(frame);
    window.removeEventListener('scroll', onScroll);
    document.removeEventListener('focusin', save);
  };
}

export function restorePosition(id: string): void {
  const text = sessionStorage.getItem(KEY(id));
  if (!text) return;
  let position: Position;
  try {
    position = JSON.parse(text) as Position;
  } catch {
    return;
  }
  window.scrollTo({ top: position.scrollY });
  if (position.focusId) {
    const el = document.getElementById(position.focusId);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      el.focus({ preventScroll: true });
      if (el.type === 'text' || el instanceof HTMLTextAreaElement) {
        el.setSelectionRange(el.value.length, el.value.length);
      }
    } else {
      el?.focus({ preventScroll: true });
    }
  }
}
