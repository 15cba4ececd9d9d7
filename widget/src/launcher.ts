import { html, nothing, type TemplateResult } from 'lit';
import { CHAT_ICON, CLOSE_ICON } from './icons.js';
import { format, type ChatRoomStrings } from './strings.js';

/** The badge shows up to this many unread messages, then `99+`. */
const BADGE_MAX = 99;

/**
 * The floating launcher button (launcher mode): opens and closes the panel, and while it is closed shows the
 * unread count as a badge (hidden from screen readers, which hear it in the button's label).
 */
export function renderLauncher(
  s: ChatRoomStrings,
  opened: boolean,
  unread: number,
  toggle: () => void,
): TemplateResult {
  const label = opened ? s.closeChat : unread ? `${s.openChat}, ${format(s.unread, { count: unread })}` : s.openChat;
  const badge =
    unread && !opened
      ? html`<span class="badge" part="badge" aria-hidden="true"
          >${unread > BADGE_MAX ? `${BADGE_MAX}+` : unread}</span
        >`
      : nothing;
  return html`<button
    class="launcher"
    part="launcher"
    aria-controls="panel"
    aria-expanded=${opened}
    aria-label=${label}
    @click=${toggle}
  >
    ${opened ? CLOSE_ICON : CHAT_ICON} ${badge}
  </button>`;
}
