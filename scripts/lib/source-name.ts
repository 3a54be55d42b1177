/**
 * What to call a source. A `title` is the headline as published; a `label` describes a
 * page whose stored copy shows no headline. Everything a reader sees marks a label as a
 * description, so a note is never taken for a headline.
 */
export interface Named { title?: string; label?: string }

/** The words that name the source in lists, search and sorting: its headline, or else its label. */
export function sourceName(s: Named): string {
  return s.title ?? s.label ?? "";
}

/** The marker shown after a label wherever the name of a source is displayed as text. */
export const LABEL_NOTE = "(description, not the page's headline)";

/** The name as plain text for a reader: a headline as is, a label followed by its marker. */
export function sourceNameText(s: Named): string {
  return s.title ?? `${s.label ?? ""} ${LABEL_NOTE}`;
}
