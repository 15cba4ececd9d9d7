#!/usr/bin/env node
// A chat bot on the client SDK: joins a room and answers !help, !time and !echo <text>.
// Usage: node examples/node-bot/bot.mjs --url ws://127.0.0.1:8080/local [--room lobby] [--name helpbot]
import { parseArgs } from 'node:util';
import { startBot } from './start-bot.mjs';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.CHAT_URL ?? 'ws://127.0.0.1:8080/local' },
      room: { type: 'string', default: 'lobby' },
      name: { type: 'string', default: 'helpbot' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(
    `${error.message}\nUsage: node examples/node-bot/bot.mjs --url ws://127.0.0.1:8080/local [--room lobby] [--name helpbot]`,
  );
  process.exit(2);
}
if (args.help) {
  console.log('Usage: node examples/node-bot/bot.mjs --url ws://127.0.0.1:8080/local [--room lobby] [--name helpbot]');
  process.exit(0);
}

let bot;
try {
  bot = startBot({ url: args.url, room: args.room, name: args.name, log: (line) => console.log(line) });
} catch (error) {
  console.error(`Cannot start the bot: ${error.message}`);
  process.exit(2);
}
console.log(`${args.name} joining room "${args.room}" at ${args.url} (Ctrl-C to stop)`);
bot.ready.catch((error) => {
  console.error(error.message);
  bot.stop();
  process.exitCode = 1;
});

function shutdown() {
  console.log('\nleaving the room');
  bot.stop();
  // The socket closes asynchronously; nothing else keeps the process alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
