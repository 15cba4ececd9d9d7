const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang || undefined, options);
    } catch {
      f = new Intl.DateTimeFormat(undefined, options); // an invalid lang tag falls back to the reader's locale
    }
    cache.set(key, f);
  }
  return f;
}

/** Local calendar day of a timestamp, as a sortable key. */
export function dayKey(timestamp: number): string {
  const d = new Date(timestamp);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** Time of day in the reader's locale (or `lang`), e.g. "14:05" or "2:05 PM". */
export function formatTime(timestamp: number, lang: string | undefined): string {
  return formatter(lang, { hour: 'numeric', minute: '2-digit' }).format(timestamp);
}

/** Full date and time, for a tooltip. */
export function formatDateTime(timestamp: number, lang: string | undefined): string {
  return formatter(lang, { dateStyle: 'full', timeStyle: 'short' }).format(timestamp);
}

/** A day separator's label: "Today", "Yesterday", or the date in the reader's locale. */
export function formatDay(
  timestamp: number,
  lang: string | undefined,
  labels: { today: string; yesterday: string },
  now = Date.now(),
): string {
  const key = dayKey(timestamp);
  if (key === dayKey(now)) return labels.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (key === dayKey(yesterday.getTime())) return labels.yesterday;
  const sameYear = new Date(timestamp).getFullYear() === new Date(now).getFullYear();
  return formatter(lang, { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(timestamp);
}
