import { css, unsafeCSS } from 'lit';

// Internal variables fall back to the public --chat-room-* properties, so a host page can restyle any of
// them; the dark palette is shared by theme="dark" and theme="auto" in a dark system.
const dark = unsafeCSS(`
  --_bg: var(--chat-room-bg, #17191e);
  --_fg: var(--chat-room-fg, #e8eaed);
  --_muted: var(--chat-room-muted, #9aa0a8);
  --_border: var(--chat-room-border, #2e323a);
  --_bubble: var(--chat-room-bubble, #262a31);
  --_accent: var(--chat-room-accent, #7c8cff);
  --_accent-fg: var(--chat-room-accent-fg, #0d0f14);
  --_danger: var(--chat-room-danger, #ff8a80);
  --_ok: #5fd38d;
  --_warn: #f5c451;
  color-scheme: dark;
`);

export const styles = css`
  :host {
    --_bg: var(--chat-room-bg, #ffffff);
    --_fg: var(--chat-room-fg, #1c1e21);
    --_muted: var(--chat-room-muted, #5f6670);
    --_border: var(--chat-room-border, #e3e5e8);
    --_bubble: var(--chat-room-bubble, #f0f2f5);
    --_accent: var(--chat-room-accent, #4353ff);
    --_accent-fg: var(--chat-room-accent-fg, #ffffff);
    --_danger: var(--chat-room-danger, #c62828);
    --_ok: #1e8e3e;
    --_warn: #b26a00;
    --_radius: var(--chat-room-radius, 14px);
    display: block;
    color-scheme: light;
    font-family: var(--chat-room-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--chat-room-font-size, 15px);
    line-height: 1.4;
    color: var(--_fg);
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
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .panel {
    display: flex;
    flex-direction: column;
    height: var(--chat-room-height, 480px);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 0.75em;
    padding: 0.7em 1em;
    border-bottom: 1px solid var(--_border);
  }
  .heading {
    margin: 0;
    font-size: 1.05em;
    font-weight: 650;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.4em;
    margin-left: auto;
    font-size: 0.82em;
    color: var(--_muted);
  }
  .dot {
    width: 0.55em;
    height: 0.55em;
    border-radius: 50%;
    background: var(--_muted);
  }
  [data-state='connected'] .dot {
    background: var(--_ok);
  }
  [data-state='connecting'] .dot,
  [data-state='reconnecting'] .dot {
    background: var(--_warn);
  }
  [data-state='error'] .dot,
  [data-state='error'] .status-text {
    background: var(--_danger);
  }
  [data-state='error'] .status-text {
    background: none;
    color: var(--_danger);
  }
  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-decoration: underline;
  }
  .icon-button {
    display: grid;
    place-items: center;
    width: 2em;
    height: 2em;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
  }
  .icon-button:hover {
    background: var(--_bubble);
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .log-wrap {
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
    overscroll-behavior: contain;
  }
  .hint,
  .empty {
    margin: 0.5em 0;
    text-align: center;
    color: var(--_muted);
    font-size: 0.85em;
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
    display: flex;
    align-items: center;
    gap: 0.75em;
    margin: 0.9em 0 0.4em;
    color: var(--_muted);
    font-size: 0.78em;
    font-weight: 600;
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--_border);
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    margin-top: 0.6em;
  }
  .message.continued {
    margin-top: 0.2em;
  }
  .message.own {
    align-items: flex-end;
  }
  .meta {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
    margin: 0 0.3em 0.15em;
    font-size: 0.78em;
    color: var(--_muted);
  }
  .author {
    font-weight: 650;
    color: var(--_fg);
  }
  .bubble {
    max-width: 85%;
    padding: 0.45em 0.75em;
    border-radius: var(--_radius);
    background: var(--_bubble);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .own .bubble {
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  .own .bubble a {
    color: inherit;
  }
  .bubble a {
    color: var(--_accent);
  }
  .own.pending .bubble,
  .own.failed .bubble {
    background: none;
    color: var(--_fg);
    border: 1px dashed var(--_accent);
  }
  .own.failed .bubble {
    border-color: var(--_danger);
  }
  .delivery {
    display: flex;
    gap: 0.6em;
    margin: 0.2em 0.3em 0;
    font-size: 0.78em;
    color: var(--_muted);
  }
  .failed .delivery {
    color: var(--_danger);
  }
  .pill {
    position: absolute;
    left: 50%;
    bottom: 0.75em;
    transform: translateX(-50%);
    padding: 0.35em 0.9em;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-fg);
    font-size: 0.85em;
    font-weight: 600;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .composer,
  .name-form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.5em;
    padding: 0.75em 1em 0.5em;
    border-top: 1px solid var(--_border);
  }
  .name-form {
    display: block;
    margin: auto 0;
    border: 0;
    padding: 1.5em;
  }
  .name-form label {
    display: block;
    margin-bottom: 0.3em;
    font-weight: 600;
  }
  .row {
    display: flex;
    gap: 0.5em;
  }
  .prompt {
    margin: 0 0 1em;
  }
  textarea,
  input {
    min-width: 0;
    width: 100%;
    padding: 0.55em 0.8em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    resize: none;
    field-sizing: content;
    max-height: 8em;
  }
  textarea:disabled {
    opacity: 0.6;
  }
  .send {
    padding: 0.5em 1.1em;
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  .send:disabled {
    opacity: 0.45;
    cursor: default;
  }
  .note {
    grid-column: 1 / -1;
    min-height: 1.2em;
    margin: 0;
    font-size: 0.78em;
    color: var(--_muted);
  }
  .warn {
    color: var(--_danger);
  }
  .launcher {
    position: fixed;
    right: var(--chat-room-offset, 20px);
    bottom: var(--chat-room-offset, 20px);
    z-index: var(--chat-room-z-index, 2147483000);
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-fg);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
  }
  .launcher svg {
    width: 26px;
    height: 26px;
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: var(--_danger);
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
  }
  :host([mode='launcher']) .panel {
    position: fixed;
    right: var(--chat-room-offset, 20px);
    bottom: calc(var(--chat-room-offset, 20px) + 68px);
    z-index: var(--chat-room-z-index, 2147483000);
    width: min(var(--chat-room-width, 380px), calc(100vw - 2 * var(--chat-room-offset, 20px)));
    height: min(var(--chat-room-height, 560px), calc(100vh - 120px));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }
  @media (prefers-reduced-motion: no-preference) {
    :host([mode='launcher']) .panel {
      animation: rise 160ms ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(12px);
      }
    }
  }
`;
