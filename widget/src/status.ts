import { html, nothing, type TemplateResult } from 'lit';
import type { ChatView } from './chat-controller.js';
import { format, type ChatRoomStrings } from './strings.js';

/**
 * The always-visible connection status: a dot, the state (a polite live region), the reconnect countdown
 * (ticking, hidden from screen readers so it is not announced every second), the reason of an error, and
 * a "Reconnect" button once the client gave up or failed.
 */
export function renderStatus(view: ChatView, s: ChatRoomStrings): TemplateResult {
  const { state, status: detail, client } = view;
  const reason = state === 'error' ? (detail?.reason ?? view.configError) : '';
  const countdown: string[] = [];
  if (state === 'reconnecting') {
    const retryAt = detail?.retryAt;
    if (retryAt !== undefined)
      countdown.push(format(s.reconnectingIn, { seconds: Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) }));
    if (detail?.attempt) countdown.push(format(s.attempt, { attempt: detail.attempt }));
  }
  return html`<div class="status" part="status" data-state=${state}>
    <span class="dot" aria-hidden="true"></span>
    <span class="status-text" role="status">${reason ? `${s[state]}: ${reason}` : s[state]}</span>
    ${countdown.length ? html`<span class="countdown" aria-hidden="true">${countdown.join(', ')}</span>` : nothing}
    ${
      client && (state === 'disconnected' || state === 'error')
        ? html`<button class="link" part="reconnect" @click=${() => client.reconnect()}>${s.reconnect}</button>`
        : nothing
    }
  </div>`;
}
