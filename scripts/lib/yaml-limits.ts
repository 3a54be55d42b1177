/** Limits and work counters shared by the full safe YAML parse and its cheap path. */
export const MAX_DEPTH = 20;
/** Keys indexed and path steps walked, for tests that count work. */
export const yamlStats = { keys: 0, steps: 0 };
/** The reader's byte limit; a UTF-8 file within it never has more characters than this. */
export const MAX_TEXT_CHARS = 256 * 1024;
