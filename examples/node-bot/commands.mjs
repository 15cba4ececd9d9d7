// The bot's replies: a pure function of the message text, so it is easy to test and to extend.

export const COMMANDS = {
  '!help': 'list the commands',
  '!time': "the bot's current time (UTC, ISO 8601)",
  '!echo <text>': 'repeat <text>',
};

/**
 * The reply to one chat message, or undefined when the message is not a command.
 * @param {string} text
 * @param {{ now?: () => Date }} [options]
 * @returns {string | undefined}
 */
export function replyTo(text, { now = () => new Date() } = {}) {
  const trimmed = text.trim();
  const command = trimmed.split(/\s+/, 1)[0] ?? '';
  switch (command.toLowerCase()) {
    case '!help':
      return `Commands: ${Object.entries(COMMANDS)
        .map(([name, what]) => `${name} (${what})`)
        .join(', ')}`;
    case '!time':
      return `It is ${now().toISOString()}`;
    case '!echo': {
      const said = trimmed.slice(command.length).trim();
      return said ? said.slice(0, 2000) : 'Usage: !echo <text>';
    }
    default:
      return /^![a-z]+$/i.test(command) ? `Unknown command ${command.slice(0, 40)}. Try !help` : undefined;
  }
}
