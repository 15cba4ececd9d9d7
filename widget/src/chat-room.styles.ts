import { unsafeCSS } from 'lit';

// Internal variables fall back to the public --chat-room-* properties, so a host page can restyle any of
// them; the dark palette is shared by theme="dark" and theme="auto" in a dark system.
const dark = `
  --bg: var(--chat-room-bg, #17191e);
  --fg: var(--chat-room-fg, #e8eaed);
  --mu: var(--chat-room-muted, #9aa0a8);
  --bd: var(--chat-room-border, #2e323a);
  --bu: var(--chat-room-bubble, #262a31);
  --ac: var(--chat-room-accent, #7c8cff);
  --af: var(--chat-room-accent-fg, #0d0f14);
  --er: var(--chat-room-danger, #ff8a80);
  --ok: #5fd38d;
  color-scheme: dark;
`;

// One string through unsafeCSS (all of it is this file's own text): Lit's `css` tag is not bundled.
export const styles = unsafeCSS(`
  :host {
    --bg: var(--chat-room-bg, #fff);
    --fg: var(--chat-room-fg, #1c1e21);
    --mu: var(--chat-room-muted, #5f6670);
    --bd: var(--chat-room-border, #e3e5e8);
    --bu: var(--chat-room-bubble, #f0f2f5);
    --ac: var(--chat-room-accent, #4353ff);
    --af: var(--chat-room-accent-fg, #fff);
    --er: var(--chat-room-danger, #c62828);
    --ok: #1e8e3e;
    --r: var(--chat-room-radius, 14px);
    --o: var(--chat-room-offset, 20px);
    display: block;
    color-scheme: light;
    font: var(--chat-room-font-size, 15px) / 1.4 var(--chat-room-font, system-ui, sans-serif);
    color: var(--fg);
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  [hidden] {
    display: none !important;
  }
  * {
    box-sizing: border-box;
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 0;
    padding: 0;
    background: none;
  }
  :focus-visible {
    outline: 2px solid var(--ac);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .panel {
    display: flex;
    flex-flow: column;
    height: var(--chat-room-height, 480px);
    background: var(--bg);
    border: 1px solid var(--bd);
    border-radius: var(--r);
    overflow: hidden;
  }
  header,
  .status,
  .day,
  .meta,
  .delivery,
  .row {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  header {
    padding: 0.7em 1em;
    border-bottom: 1px solid var(--bd);
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
    font-weight: 650;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status {
    flex-wrap: wrap;
    margin-left: auto;
    gap: 0.4em;
  }
  .status,
  .hint,
  .empty,
  .day,
  .meta,
  .delivery,
  .note {
    font-size: 0.8em;
    color: var(--mu);
  }
  .dot {
    padding: 0.3em;
    border-radius: 50%;
    background: currentColor;
  }
  [data-state='connected'] .dot {
    background: var(--ok);
  }
  [data-state$='connecting'] .dot {
    background: #e0a100;
  }
  [data-state='error'],
  .failed .delivery,
  .warn {
    color: var(--er);
  }
  .link {
    color: var(--ac);
    font-weight: 600;
    text-decoration: underline;
  }
  svg {
    height: 1.3em; /* and as wide: the icons are square (viewBox) */
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
  .close {
    display: grid;
    padding: 0.3em;
  }
  .log {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  .messages {
    position: relative;
    height: 100%;
    overflow-y: auto;
    overflow-anchor: none;
    padding: 0.75em 1em;
  }
  .hint,
  .empty {
    margin: 0.5em 0;
    text-align: center;
  }
  .empty {
    margin-top: 30%;
  }
  .older {
    display: block;
    margin: 0 auto 0.5em;
    font-size: 0.85em;
  }
  .day {
    margin: 0.9em 0 0.4em;
    font-weight: 600;
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--bd);
  }
  .message {
    display: flex;
    flex-flow: column;
    align-items: flex-start;
    margin-top: 0.6em;
  }
  .continued {
    margin-top: 0.2em;
  }
  .own {
    align-items: flex-end;
  }
  .meta {
    margin: 0 0.3em 0.15em;
  }
  .author {
    font-weight: 650;
    color: var(--fg);
  }
  .bubble {
    max-width: 85%;
    padding: 0.45em 0.75em;
    border-radius: var(--r);
    background: var(--bu);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .bubble a {
    color: var(--ac);
  }
  .own .bubble {
    background: var(--ac);
    color: var(--af);
  }
  .own .bubble a {
    color: inherit;
  }
  .pending .bubble,
  .failed .bubble {
    background: none;
    color: var(--fg);
    border: 1px dashed var(--ac);
  }
  .failed .bubble {
    border-color: var(--er);
  }
  .delivery {
    margin: 0.2em 0.3em 0;
  }
  .pill {
    position: absolute;
    left: 50%;
    bottom: 0.75em;
    translate: -50%;
    padding: 0.35em 0.9em;
    border-radius: 99px;
    font-size: 0.85em;
  }
  .pill,
  .send,
  .launcher {
    background: var(--ac);
    color: var(--af);
    font-weight: 600;
    box-shadow: 0 2px 8px #0003;
  }
  form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.5em;
    padding: 0.75em 1em 0.4em;
    border-top: 1px solid var(--bd);
  }
  .name-form {
    display: block;
    margin: auto 0;
    border: 0;
    padding: 1.5em;
  }
  label {
    display: block;
    margin: 0.8em 0 0.3em;
    font-weight: 600;
  }
  textarea,
  input {
    width: 100%;
    min-width: 0;
    padding: 0.55em 0.8em;
    border: 1px solid var(--bd);
    border-radius: 10px;
    background: var(--bg);
    resize: none;
    field-sizing: content;
    max-height: 8em;
  }
  .send {
    padding: 0.5em 1.1em;
    border-radius: 10px;
    box-shadow: none;
  }
  :disabled {
    opacity: 0.5;
    cursor: default;
  }
  .note {
    grid-column: 1 / -1;
    min-height: 1.2em;
    margin: 0;
  }
  .launcher,
  :host([mode='launcher']) .panel {
    position: fixed;
    right: var(--o);
    bottom: var(--o);
    z-index: var(--chat-room-z-index, 2147483000);
  }
  .launcher {
    font-size: 20px; /* the icon (1.3em) is 26px */
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border-radius: 50%;
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: var(--er);
    color: #fff;
    font: 700 12px/22px sans-serif;
  }
  :host([mode='launcher']) .panel {
    bottom: calc(var(--o) + 68px);
    width: min(var(--chat-room-width, 380px), 100vw - 2*var(--o));
    height: min(var(--chat-room-height, 560px), 100vh - 120px);
    box-shadow: 0 12px 40px #0004;
  }
`);
