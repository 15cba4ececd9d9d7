// Entry of dist/chat-room.js (built by rollup only; tsc skips it), the self-contained <script> embed: defines <chat-room> (skipping if the tag
// is already defined) and, when its own <script> tag has data-url, mounts one by itself.
import { ChatRoomElement } from './chat-room.component.js';
import { defineChatRoom } from './define-element.js';

// Captured now: document.currentScript is only set while this script evaluates.
const script = document.currentScript as HTMLScriptElement | null;

defineChatRoom();

function mount(from: HTMLScriptElement): void {
  const element = document.createElement('chat-room');
  const data = from.dataset;
  // The element's attributes (url, room, username, token, mode, heading, theme, lang), from data-*.
  for (const name of ChatRoomElement.observedAttributes) {
    const value = data[name];
    if (value !== undefined) element.setAttribute(name, value);
  }
  const target = data['target'] && document.querySelector(data['target']);
  if (target) target.append(element);
  else if (data['mode'] === 'launcher' || !document.body.contains(from)) document.body.append(element);
  else from.after(element);
}

if (script?.dataset['url']) {
  const from = script;
  if (document.body) mount(from);
  else document.addEventListener('DOMContentLoaded', () => mount(from)); // fires once
}
