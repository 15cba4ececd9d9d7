import { ChatAuthError, validOrThrow } from './errors.js';
import { validateUsername } from './protocol/values.js';
import { tokenClaims } from './token.js';
import type { TokenSource } from './types.js';

export type User = { username?: string; token?: TokenSource };

/**
 * Who the client connects as: a guest `username`, or a `token` (wins over the username): a string, or a provider
 * asked for a fresh one before every connect. A token's `name` and `sub` claims (decoded unverified, for display
 * and for telling one's own messages) become `username` and `userId`.
 */
export class Identity {
  #token: TokenSource | undefined;
  #username: string | undefined;
  #userId: string | undefined;

  constructor(user: User) {
    this.set(user);
  }

  /** The guest username, or the `name` claim of the token last used. */
  get username(): string | undefined {
    return this.#username;
  }

  /** The `sub` claim of the token last used (token mode). */
  get userId(): string | undefined {
    return this.#userId;
  }

  /** The token provider, when the token is one: it is asked before every connect. */
  get tokenProvider(): (() => Promise<string>) | undefined {
    return typeof this.#token === 'function' ? this.#token : undefined;
  }

  /** Asks the token provider for a fresh token; rejects with `ChatAuthError` (`TOKEN_FAILED`) when it fails. */
  async fetchToken(): Promise<string> {
    try {
      const token = await this.tokenProvider?.();
      if (typeof token !== 'string' || !token) throw new TypeError('no token');
      return token;
    } catch (cause) {
      throw new ChatAuthError('TOKEN_FAILED', `token provider: ${cause}`, { cause });
    }
  }

  /** Takes a new identity; a bad username throws `ChatValidationError`. */
  set({ username, token }: User): void {
    this.#token = token;
    // With a token, the name shown is its `name` claim (a provider's token is decoded when it is fetched).
    ({ name: this.#username, sub: this.#userId } = typeof token === 'string' ? tokenClaims(token) : {});
    if (!token && username !== undefined) this.#username = validOrThrow(validateUsername(username));
  }

  /**
   * The query parameter that names the user on the socket URL (`token=…` or `username=…`); `freshToken` is what
   * the provider just gave. Undefined when there is neither a token nor a username.
   */
  queryParameter(freshToken?: string): string | undefined {
    const token = freshToken ?? (typeof this.#token === 'string' ? this.#token : undefined);
    if (!token) return this.#username && `username=${encodeURIComponent(this.#username)}`;
    ({ name: this.#username, sub: this.#userId } = tokenClaims(token));
    return `token=${encodeURIComponent(token)}`;
  }
}
