// Entry of dist/chat-room.js (built by rollup only; tsc skips it), the self-contained <script> embed: defines <chat-room> (skipping if the tag
// is already defined) and, when its own <script> tag has data-url, mounts one by itself.
import { defineChatRoom } from './define-element.js';

// Captured now: document.currentScript is only set while this script evaluates.
const script = document.currentScript as HTMLScriptElement | null;
const ATTRIBUTES = ['url', 'room', 'username', 'token', 'mode', 'heading', 'theme', 'lang'] as const;

defineChatRoom();

function mount(from: HTMLScriptElement): void {
  const element = document.createElement('chat-room');
  for (const name of ATTRIBUTES) {
    const value = from.dataset[name];
    if (value !== undefined) element.setAttribute(name, value);
  }
  const target = from.dataset['target'] ? document.querySelector(from.dataset['target']) : null;
  if (target) target.append(element);
  else if (from.dataset['mode'] === 'launcher' || !document.body.contains(from)) document.body.append(element);
  else from.after(element);
}

if (script?.dataset['url']) {
  const from = script;
  if (document.body) mount(from);
  else document.addEventListener('DOMContentLoaded', () => mount(from), { once: true });
}
