import type { ChatMessage } from './protocol/frames.js';

/**
 * Inserts `message` into `list`, kept sorted by `messageId` (time-ordered) and free of duplicates: a binary
 * search and one splice (an append when it is the newest). Returns false when that id is already there.
 */
export function insertMessage(list: ChatMessage[], message: ChatMessage): boolean {
  const id = message.messageId;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.messageId < id) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo]?.messageId === id) return false;
  list.splice(lo, 0, message);
  return true;
}
