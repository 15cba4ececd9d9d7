// Side-effect free: importing this module registers nothing. Import '@chat-room/widget/define' (or call
// defineChatRoom()) to register <chat-room>.
export { ChatRoomElement } from './chat-room.component.js';
export { defineChatRoom } from './define-element.js';
export type { ChatClientLike, ClientFactory, ClientOptions } from './client-types.js';
export type {
  ChatCloseEventDetail,
  ChatErrorEventDetail,
  ChatMessageEventDetail,
  ChatOpenEventDetail,
  ChatRoomEventMap,
  ChatStatusEventDetail,
} from './events.js';
export { en, format, type ChatRoomStrings } from './strings.js';
export { fr } from './strings-fr.js';
