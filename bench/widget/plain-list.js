// The widget benchmark's baseline: a plain keyed Lit list of the same rows (author, time, text), every
// message rendered (no windowing), kept scrolled to the bottom like a chat log. Bundled by
// bench/widget.mjs with rollup + terser, as the embed is.
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

class PlainList extends LitElement {
  static properties = { messages: { attribute: false } };
  static styles = css`
    :host {
      display: block;
      height: 480px;
      width: 360px;
      font:
        14px system-ui,
        sans-serif;
    }
    .log {
      height: 100%;
      overflow-y: auto;
    }
    .message {
      padding: 4px 12px;
    }
    .meta {
      font-size: 12px;
      opacity: 0.7;
      display: flex;
      gap: 8px;
    }
    .bubble {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `;

  constructor() {
    super();
    this.messages = [];
  }

  render() {
    return html`<div class="log" role="log">
      ${repeat(
        this.messages,
        (m) => m.messageId,
        (m) =>
          html`<div class="message" data-key=${m.messageId}>
            <div class="meta">
              <span class="author">${m.username}</span
              ><time datetime=${new Date(m.timestamp).toISOString()}>${time.format(m.timestamp)}</time>
            </div>
            <div class="bubble">${m.message}</div>
          </div>`,
      )}
    </div>`;
  }

  updated() {
    const log = this.renderRoot.querySelector('.log');
    log.scrollTop = log.scrollHeight;
  }
}

customElements.define('plain-list', PlainList);
