// The package's entries as a user imports them: by package name, so they go through package.json's `exports`
// map (node_modules/@chat-room/widget is the workspace's symlink) to the built dist/ files. A broken map, a
// missing build file or a changed list of exports fails here. Needs `npm run build` first.
import * as widget from '@chat-room/widget';
import * as define from '@chat-room/widget/define';
// Type-only: the typecheck fails when the `types` side of the map breaks.
import type { ChatRoomStrings, ClientFactory } from '@chat-room/widget';
import { deepEqual, equal } from './test/assert.js';

describe('@chat-room/widget exports, imported by package name', () => {
  it("'.' exports exactly the element, defineChatRoom, the English and French texts and format", () => {
    deepEqual(Object.keys(widget).sort(), ['ChatRoomElement', 'defineChatRoom', 'en', 'format', 'fr']);
  });

  it("'./define' registers <chat-room> with the class '.' exports, and exports only that class", () => {
    deepEqual(Object.keys(define), ['ChatRoomElement']);
    equal(define.ChatRoomElement, widget.ChatRoomElement);
    equal(customElements.get('chat-room'), widget.ChatRoomElement);
    const element: HTMLElementTagNameMap['chat-room'] = document.createElement('chat-room');
    equal(element instanceof widget.ChatRoomElement, true);
  });

  it('defineChatRoom() leaves an already defined tag as it is', () => {
    equal(widget.defineChatRoom(), widget.ChatRoomElement);
  });

  it('the types come with the entry: the texts and the client factory are typed', () => {
    const texts: ChatRoomStrings = widget.en;
    const factory: ClientFactory = widget.ChatRoomElement.clientFactory;
    equal(texts.send, 'Send');
    equal(typeof factory, 'function');
  });
});
