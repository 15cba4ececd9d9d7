import { html, nothing, type TemplateResult } from 'lit';
import type { ChatController } from './chat-controller.js';
import { format, type ChatRoomStrings } from './strings.js';

/**
 * The always-visible connection status: a dot, the state (a polite live region), the reconnect countdown
 * (ticking, hidden from screen readers so it is not announced every second), the reason of an error, and
 * a "Reconnect" button once the client gave up or failed.
 */
export function renderStatus(chat: ChatController, s: ChatRoomStrings, onReconnect: () => void): TemplateResult {
  const state = chat._state;
  const detail = chat._status;
  let label: string = s[state === 'idle' ? 'idle' : state];
  const reason = state === 'error' ? (detail?.reason ?? chat._configError) : '';
  if (reason) label = `${label}: ${reason}`;
  let countdown = '';
  if (state === 'reconnecting') {
    const parts: string[] = [];
    if (detail?.retryAt !== undefined) {
      parts.push(format(s.reconnectingIn, { seconds: Math.max(0, Math.ceil((detail.retryAt - Date.now()) / 1000)) }));
    }
    if (detail?.attempt) parts.push(format(s.attempt, { attempt: detail.attempt }));
    countdown = parts.join(', ');
  }
  const canReconnect = !!chat._client && (state === 'disconnected' || state === 'error');
  return html`<div class="status" part="status" data-state=${state}>
    <span class="dot" aria-hidden="true"></span>
    <span class="status-text" role="status">${label}</span>
    ${countdown ? html`<span class="countdown" aria-hidden="true">${countdown}</span>` : nothing}
    ${canReconnect
      ? html`<button class="link" part="reconnect" @click=${onReconnect}>${s.reconnect}</button>`
      : nothing}
  </div>`;
}
