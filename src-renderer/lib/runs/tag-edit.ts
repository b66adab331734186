/** Adding a tag typed into the tag field: trimmed, 1 to 50 characters, each tag once, at most 50. */
export function addTag(tags: readonly string[], typed: string): { tags: string[]; error?: string } {
  const tag = typed.trim();
  if (!tag) return { tags: [...tags], error: 'Type a tag first' };
  if (tag.length > 50) return { tags: [...tags], error: 'A tag is at most 50 characters' };
  if (tags.includes(tag)) return { tags: [...tags], error: `The run is already tagged “${tag}”` };
  if (tags.length >= 50) return { tags: [...tags], error: 'A run has at most 50 tags' };
  return { tags: [...tags, tag] };
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}
