/**
 * The `name` claim of a JWT, decoded WITHOUT verification: for display only (the server verifies the
 * token). Undefined when the token is not a readable JWT or has no string `name`.
 */
export function tokenName(token: string): string | undefined {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const name: unknown = JSON.parse(json).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** A random `clientMessageId`: `crypto.randomUUID()` where available (secure contexts), else a fallback. */
export function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}
