/**
 * Every text the widget shows. Override any of them with the `strings` property; `{name}` placeholders
 * are filled in by the widget.
 */
export interface ChatRoomStrings {
  heading: string;
  openChat: string;
  closeChat: string;
  /** Launcher label suffix when there are unread messages: `{count}`. */
  unread: string;
  idle: string;
  connecting: string;
  connected: string;
  reconnecting: string;
  /** Countdown beside "reconnecting": `{seconds}`. */
  reconnectingIn: string;
  /** `{attempt}`. */
  attempt: string;
  disconnected: string;
  error: string;
  reconnect: string;
  noServer: string;
  messagesLabel: string;
  empty: string;
  loadOlder: string;
  loadingOlder: string;
  beginning: string;
  /** Pill shown when new messages arrive while scrolled up: `{count}`. */
  newMessages: string;
  today: string;
  yesterday: string;
  you: string;
  sending: string;
  queued: string;
  failed: string;
  retry: string;
  discard: string;
  composerLabel: string;
  placeholder: string;
  send: string;
  /** Characters left near the limit: `{count}`. */
  charsLeft: string;
  /** Over the limit: `{count}` characters too many. */
  tooLong: string;
  offlineHint: string;
  cannotSend: string;
  namePrompt: string;
  nameLabel: string;
  join: string;
  /** Announcement of a new message for screen readers: `{name}`, `{text}`. */
  announce: string;
}

export const en: ChatRoomStrings = {
  heading: 'Chat',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: '{count} unread',
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  reconnectingIn: 'in {seconds} s',
  attempt: 'attempt {attempt}',
  disconnected: 'Disconnected',
  error: 'Connection failed',
  reconnect: 'Reconnect',
  noServer: 'No chat server is configured (set the url attribute).',
  messagesLabel: 'Messages',
  empty: 'No messages yet. Say hello!',
  loadOlder: 'Show older messages',
  loadingOlder: 'Loading older messages…',
  beginning: 'This is the beginning of the conversation.',
  newMessages: '{count} new ↓',
  today: 'Today',
  yesterday: 'Yesterday',
  you: 'You',
  sending: 'Sending…',
  queued: 'Waiting for connection…',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Discard',
  composerLabel: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  charsLeft: '{count} characters left',
  tooLong: '{count} characters too many',
  offlineHint: 'Offline: messages will be sent when the connection is back.',
  cannotSend: 'You can’t send messages until the connection works.',
  namePrompt: 'Choose a name to join the chat',
  nameLabel: 'Your name',
  join: 'Join',
  announce: '{name}: {text}',
};

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
