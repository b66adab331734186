/**
 * Arrow keys for a single-select list (`role="listbox"` of `role="option"` buttons): Up/Down/Home/End move
 * focus and select, so the list is one Tab stop instead of one per item (the WAI-ARIA listbox pattern).
 */
export function moveInList(event: KeyboardEvent): void {
  const list = event.currentTarget as HTMLElement;
  const items = [...list.querySelectorAll<HTMLElement>('[role="option"]')];
  if (items.length === 0) return;
  const index = items.indexOf(document.activeElement as HTMLElement);
  const last = items.length - 1;
  let next: number;
  if (event.key === 'ArrowDown') next = Math.min(index + 1, last);
  else if (event.key === 'ArrowUp') next = Math.max(index - 1, 0);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = last;
  else return;
  event.preventDefault();
  if (next === index) return;
  items[next]!.focus();
  items[next]!.click();
}

/** The roving tab stop: the selected item, or the first when none is. */
export function tabStop(selected: boolean, index: number, anySelected: boolean): 0 | -1 {
  return selected || (!anySelected && index === 0) ? 0 : -1;
}
