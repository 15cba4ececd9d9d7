import type { ChatMessage } from './protocol/index.js';

/**
 * Inserts `message` into `list`, kept sorted by `messageId` (time-ordered) and free of duplicates.
 * Appending a newer message is O(1); anything else is a binary search and one splice.
 * Returns false when a message with that id is already there.
 */
export function insertMessage(list: ChatMessage[], message: ChatMessage): boolean {
  const id = message.messageId;
  let lo = 0;
  let hi = list.length;
  if (!hi || list[hi - 1]!.messageId < id) {
    list.push(message);
    return true;
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.messageId < id) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo]?.messageId === id) return false;
  list.splice(lo, 0, message);
  return true;
}
