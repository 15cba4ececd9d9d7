import { after, before } from 'node:test';
import type { LocalStack, LocalStackOptions } from '../../src/local/stack.js';
import { connect, startTestStack, type TestClient } from './stack.js';
import { stackRepositories } from './stack-db.js';

export interface TestStackSuite {
  /** The running stack (set in `before`). */
  readonly stack: LocalStack;
  /** Repositories on the stack's dynalite, to check what was stored. */
  readonly db: ReturnType<typeof stackRepositories>;
  /** Connects a guest `ws` client (closed after the file's tests). */
  join(username: string, room?: string): Promise<TestClient>;
}

/** One local stack for a test file: started before its tests, closed (with every client joined) after. */
export function useTestStack(options: LocalStackOptions = {}): TestStackSuite {
  let stack: LocalStack | undefined;
  let db: ReturnType<typeof stackRepositories> | undefined;
  const clients: TestClient[] = [];
  before(async () => {
    stack = await startTestStack(options);
    db = stackRepositories(stack);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    db?.close();
    await stack?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test stack is not started yet (use it inside a test)');
    return value;
  };
  return {
    get stack() {
      return started(stack);
    },
    get db() {
      return started(db);
    },
    async join(username, room) {
      const client = await connect(started(stack).wsUrl, { username, ...(room ? { room } : {}) });
      clients.push(client);
      return client;
    },
  };
}
