/**
 * What to write instead, for the values contributors most often get wrong: a date in
 * another order or one that does not exist, a number written as text, a single topic
 * where a list goes, an id that is not a slug. Each returns a message or undefined.
 */
import { didYouMean } from "./problem.ts";
import { slugify } from "./scaffold.ts";
import { printable } from "./yaml-safe.ts";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number | string) => String(n).padStart(2, "0");
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Why `value` is not a YYYY-MM-DD date, and what to write. */
export function dateHint(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12) return `"${v}" has no month ${mo}: months are 01 to 12 (YYYY-MM-DD)`;
    if (d < 1 || d > daysIn(y, mo)) return `"${v}" is not a day: ${MONTHS[mo - 1]} has ${daysIn(y, mo)} days in ${y}`;
    return `"${v}" must have two-digit month and day: write ${y}-${pad(mo)}-${pad(d)}`;
  }
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), m[3]];
    // Day first, as most of the world writes it, unless that cannot be.
    const [d, mo] = a > 12 || b <= 12 ? [a, b] : [b, a];
    const ambiguous = a <= 12 && b <= 12 && a !== b ? ` (if ${pad(a)} is the month, write ${y}-${pad(a)}-${pad(b)})` : "";
    return `dates are written year-month-day: "${printable(v)}" -> ${y}-${pad(mo)}-${pad(d)}${ambiguous}`;
  }
  const month = MONTHS.findIndex((name) => new RegExp(`\\b${name.slice(0, 3)}`, "i").test(v));
  const year = /\b(\d{4})\b/.exec(v)?.[1];
  const day = /\b(\d{1,2})\b/.exec(v.replace(/\b\d{4}\b/, ""))?.[1];
  if (month >= 0 && year && day) return `dates are written year-month-day: "${printable(v)}" -> ${year}-${pad(month + 1)}-${pad(day)}`;
  return undefined;
}

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };
const CURRENCY: Record<string, string> = { $: "usd", "€": "eur", "₴": "uah", usd: "usd", eur: "eur", uah: "uah" };

/** `"50%"` -> write 50 and unit: percent; `"$500 billion"` -> write 500000000000 and unit: usd. */
export function numberHint(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\$|€|₴|usd|eur|uah)?\s*(\d[\d,]*(?:\.\d+)?)\s*(%|percent|per cent|thousand|million|billion|trillion|bn|mn|tn|k|m|b)?\s*(usd|eur|uah|dollars|euros|hryvnias?)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[2]!.replace(/,/g, ""));
  const word = (m[3] ?? "").toLowerCase();
  const number = word in SCALE ? Math.round(n * SCALE[word]!) : n;
  const cur = (m[1] ?? m[4] ?? "").toLowerCase().replace(/^dollars$/, "usd").replace(/^euros$/, "eur").replace(/^hryvnias?$/, "uah");
  const unit = /%|percent|per cent/.test(word) ? "percent" : CURRENCY[cur];
  return `"${printable(value)}" is text, not a number: write value: ${number}${unit ? ` and unit: ${unit}` : " (no quotes, no words)"}`;
}

/** Ids of the right kind for a key that takes ids, so the example is never of another kind. */
export interface KnownIds { topics?: Iterable<string>; people?: Iterable<string>; sources?: Iterable<string> }
const KINDS: Record<string, { known: keyof KnownIds; what: string; where: string }> = {
  topics: { known: "topics", what: "topic id", where: "content/topics.yaml" },
  people: { known: "people", what: "person slug", where: "content/people/" },
  source: { known: "sources", what: "source id", where: "content/sources.yaml" },
  reports_on: { known: "sources", what: "source id", where: "content/sources.yaml" },
};

/** `topics: [Deal Terms]` -> not a topic id; did you mean "deal-terms"; valid: ... */
export function slugHint(path: readonly PropertyKey[], value: unknown, known: KnownIds): string | undefined {
  if (typeof value !== "string") return undefined;
  const key = String([...path].reverse().find((k) => typeof k === "string") ?? "");
  const kind = KINDS[key];
  if (!kind) return undefined;
  const ids = [...(known[kind.known] ?? [])];
  const list = ids.length ? `; valid: ${ids.slice(0, 12).join(", ")}${ids.length > 12 ? `, ... (${ids.length} in ${kind.where})` : ""}` : "";
  const guess = slugify(value);
  const mean = ids.includes(guess) ? ` (did you mean "${guess}"?)` : didYouMean(guess || value, ids);
  return `"${printable(value).slice(0, 100)}" is not a ${kind.what}: ids are lowercase words joined by hyphens${mean}${list}`;
}
