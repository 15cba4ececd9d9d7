// The package's './define' entry: registers <chat-room>, doing nothing if the tag is already defined.
import type { ChatRoomElement } from './chat-room.component.js';
import { defineChatRoom } from './define-element.js';

defineChatRoom();

declare global {
  interface HTMLElementTagNameMap {
    'chat-room': ChatRoomElement;
  }
}

export { ChatRoomElement } from './chat-room.component.js';
