/**
 * content/sources/<id>.yaml: one source per file, the same keys as one entry of
 * sources.yaml, the id taken from the file name. A site may use either form or both;
 * an id defined twice (in both, or in two spellings) is a located error.
 */
import { parseYamlFile, type ContentFile } from "./loader.ts";
import { problem, type Problem } from "./problem.ts";
import { zodProblems } from "./issues.ts";
import { sourceSchema, SLUG } from "./schema.ts";
import type { Content, Origin, Source } from "./model.ts";
import type { YamlMemo } from "./yaml-memo.ts";

const SOURCE_KEYS = Object.keys(sourceSchema.shape);

export function loadSourceFiles(content: Content, files: ContentFile[], problems: Problem[], memo?: YamlMemo): void {
  const origins = (content.sourceOrigins ??= new Map<string, Origin>());
  const main = content.origins.sources;
  for (const file of files) {
    const m = /^content\/sources\/([^/]+)\.yaml$/.exec(file.path);
    if (!m) continue;
    const id = m[1]!;
    if (!SLUG.test(id)) {
      problems.push(problem(file.path, 1, 1, "bad-filename", `file name "${id}.yaml" must be the source's id, a lowercase slug like "reuters-2025-04-30.yaml"`));
      continue;
    }
    if (content.sources.has(id)) {
      const at = main.yaml ? main.yaml.position(main.yaml.offsetOf([id], "key")) : { line: 1 };
      const where = origins.has(id) ? origins.get(id)!.file : `content/sources.yaml:${at.line}`;
      problems.push(problem(file.path, 1, 1, "duplicate-id", `source id "${id}" is already defined in ${where}: keep one of the two`));
      continue;
    }
    const { data, origin } = parseYamlFile(file, problems, memo);
    if (data === undefined && origin.yaml?.issues.length) continue;
    const parsed = sourceSchema.safeParse(data ?? {});
    if (!parsed.success) {
      for (const p of zodProblems(origin, parsed.error, SOURCE_KEYS, data ?? {})) problems.push(p);
      continue;
    }
    content.sources.set(id, { id, ...parsed.data } as Source);
    origins.set(id, origin);
  }
}
