/** A random `clientMessageId`: `crypto.randomUUID()` where available (secure contexts), else a fallback. */
export function randomId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2)
  );
}
