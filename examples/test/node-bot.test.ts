// The node-bot example against a real local stack (built Lambda bundles, dynalite in memory, real sockets).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChatClient, type ChatMessage } from '@chat-room/client-sdk';
import { startLocalStack } from '@chat-room/backend/local';
import WebSocket from 'ws';
import { replyTo } from '../node-bot/commands.mjs';
import { startBot } from '../node-bot/start-bot.mjs';

describe('node-bot commands', () => {
  it('answers !help, !time and !echo, and ignores other text', () => {
    assert.match(replyTo('!help') ?? '', /!help.*!time.*!echo/);
    assert.equal(
      replyTo('!time', { now: () => new Date(Date.UTC(2026, 10, 28, 1, 2, 3)) }),
      'It is 2026-11-28T01:02:03.000Z',
    );
    assert.equal(replyTo('  !echo   hello   there '), 'hello   there');
    assert.equal(replyTo('!ECHO x'), 'x');
    assert.equal(replyTo('!echo'), 'Usage: !echo <text>');
    assert.equal(replyTo('!nope'), 'Unknown command !nope. Try !help');
    assert.equal(replyTo('hello !help'), undefined);
    assert.equal(replyTo('!!!'), undefined);
  });
});

describe('node-bot on the local stack', () => {
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  let bot: ReturnType<typeof startBot> | undefined;
  let user: ChatClient | undefined;

  before(async () => {
    stack = await startLocalStack({ port: 0, persist: false, quiet: true });
  });
  after(async () => {
    bot?.stop();
    user?.disconnect();
    await stack?.close();
  });

  /** Resolves with the first message from `from` that arrives after now. */
  function nextFrom(client: ChatClient, from: string, timeoutMs = 15_000): Promise<ChatMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message from ${from} within ${timeoutMs} ms`)), timeoutMs);
      const listener = (event: Event) => {
        const message = (event as CustomEvent<ChatMessage>).detail;
        if (message.username !== from) return;
        clearTimeout(timer);
        client.removeEventListener('message', listener);
        resolve(message);
      };
      client.addEventListener('message', listener);
    });
  }

  it('joins a room and answers commands from another client', async () => {
    const room = `bot-${Date.now().toString(36)}`;
    bot = startBot({ url: stack.wsUrl, room, name: 'helpbot' });
    await bot.ready;

    user = new ChatClient({ url: stack.wsUrl, room, username: 'visitor', WebSocket: WebSocket as never });
    const connected = new Promise<void>((resolve) =>
      user!.addEventListener(
        'statechange',
        (e) => (e as CustomEvent<{ state: string }>).detail.state === 'connected' && resolve(),
      ),
    );
    user.connect();
    await connected;

    let reply = nextFrom(user, 'helpbot');
    await user.send('!echo ping <b>pong</b>');
    assert.equal((await reply).message, 'ping <b>pong</b>');

    reply = nextFrom(user, 'helpbot');
    await user.send('!time');
    const time = (await reply).message;
    assert.match(time, /^It is \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Math.abs(Date.parse(time.slice(6)) - Date.now()) < 60_000, 'the time is now');

    reply = nextFrom(user, 'helpbot');
    await user.send('!help');
    assert.match((await reply).message, /^Commands: !help/);

    // Plain chat gets no answer: the next bot message is the answer to the next command.
    await user.send('just chatting');
    reply = nextFrom(user, 'helpbot');
    await user.send('!echo second');
    assert.equal((await reply).message, 'second');
  });
});
