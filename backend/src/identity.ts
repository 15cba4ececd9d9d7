/**
 * Who is on a connection, and in which room: what `authenticate` establishes at `$connect`, what the
 * authorizer hands API Gateway as its `context` (so every event of the connection carries it), what the
 * Connections table stores with the connection, and the author of every message the connection sends.
 */
export interface Identity {
  /** The token's `sub`, or a guest id derived from the name. */
  userId: string;
  username: string;
  roomId: string;
}

/** An identity on one connection: who sent a frame, and through which socket. */
export interface ConnectionIdentity extends Identity {
  connectionId: string;
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  return a.userId === b.userId && a.username === b.username && a.roomId === b.roomId;
}
