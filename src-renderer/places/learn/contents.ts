/** The explanation's first sentence: the table of contents' one line about an explorer (a colon ends it with "…"). */
export function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  if (end < 0) return text;
  return text[end] === ':' ? `${text.slice(0, end)}…` : text.slice(0, end + 1);
}
