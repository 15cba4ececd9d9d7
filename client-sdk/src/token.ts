/** The `name` and `sub` claims of a JWT, decoded WITHOUT verification (display and own-message marking only). */
export function tokenClaims(token: string): { name?: string; sub?: string } {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const { name, sub } = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(part), (character) => character.charCodeAt(0))),
    );
    return { name: typeof name === 'string' ? name : undefined, sub: typeof sub === 'string' ? sub : undefined };
  } catch {
    return {};
  }
}
