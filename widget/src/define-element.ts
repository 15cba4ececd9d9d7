import { ChatRoomElement } from './chat-room.component.js';

/** Registers `<chat-room>` (or `tagName`) unless that name is already defined. Returns the defined class. */
export function defineChatRoom(tagName = 'chat-room'): CustomElementConstructor {
  const existing = customElements.get(tagName);
  if (existing) return existing;
  customElements.define(tagName, ChatRoomElement);
  return ChatRoomElement;
}
