/**
 * Skeletons for `npm run new`: every required key present, each explained in a comment,
 * placeholders that the checker rejects until they are replaced (so nothing half-filled
 * can be published by accident).
 */
import { SLUG } from "./schema.ts";

/** "Trump asks for $500 billion" -> "trump-asks-for-500-billion"; "Zelenskyy's plan" -> "zelenskyys-plan" */
export function slugify(title: string): string {
  return title
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    // An apostrophe is inside a word, not between two: "Zelenskyy's" is one word.
    .replace(/(?<=\p{L})['\u2019\u02bc](?=\p{L})/gu, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 60).replace(/-+$/, "");
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * The scaffold's placeholders. The checker refuses every one of them ([placeholder]), so a
 * skeleton cannot be published half-filled; any word TODO is refused too.
 */
export const PLACEHOLDERS = {
  date: "TODO-YYYY-MM-DD",
  source: "source-id",
  figure: "my-figure-id",
} as const;

export function factSkeleton(title: string): string {
  return `---
# One fact, event or claim. Every key is explained in CONTRIBUTING.md.
title: ${yamlString(title)}   # plain text, at most 120 characters
summary: >-
  TODO one or two plain sentences, at most 300 characters, saying what happened and
  who says so.
date: ${PLACEHOLDERS.date}  # when it happened or was said (YYYY-MM-DD), never a guess
# date_precision: month # uncomment when only the month (or year) is known
status: TODO-choose     # proposed | reported | confirmed | disputed | denied | superseded
topics: [TODO-topic]    # ids from content/topics.yaml
# people: [scott-bessent]  # slugs of files in content/people/
# figures:                 # numbers readers can check; ids unique across the site
#   my-figure-id:
#     label: What the number measures
#     value: 500000000000   # plain number (this is $500 billion), or YYYY-MM-DD with unit: date
#     unit: usd             # percent | usd | eur | uah | count | tonnes | date
#     source: ${PLACEHOLDERS.source}     # from content/sources.yaml
#     quote: "the exact words of the source"
#     attribution: who the source says said it
# corrections:             # add one when you correct a published fact (newest last is fine)
#   - date: YYYY-MM-DD     # the day you correct it: not in the future, not before "date"
#     note: What was wrong and what the fact says now.
---
Write neutral sentences and cite each one that states a fact: [@${PLACEHOLDERS.source}].
Show a figure inline with {{< fig ${PLACEHOLDERS.figure} >}}.
`;
}

export function sourceSkeleton(id: string, today: string): string {
  return `
${id}:
  title: "TODO the headline exactly as the page gives it"
  publisher: TODO Publisher
  # authors: [First Last]
  # published: YYYY-MM-DD   # leave out when the page shows no date
  url: TODO-copy-the-address-from-the-browser
  accessed: ${today}
`;
}

export function checkId(id: string): string | undefined {
  return SLUG.test(id) ? undefined : `"${id}" is not a valid id: use lowercase words joined by single hyphens, e.g. politico-2025-02-15`;
}
