/**
 * Untrusted text inside GitHub-flavoured Markdown (a job summary): every ASCII
 * punctuation mark backslash-escaped (CommonMark allows it for all of them), so no
 * emphasis, link, image, table, heading, list or autolink can start; `<`, `>` and `&`
 * as entities, so no HTML; line breaks and control characters flattened to one line.
 */
import { printable } from "./yaml-safe.ts";

export function markdownText(s: string): string {
  return printable(s.replace(/[\r\n\u2028\u2029]+/g, " "))
    .replace(/[!"#$%'()*+,\-./:;=?@[\\\]^_`{|}~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
