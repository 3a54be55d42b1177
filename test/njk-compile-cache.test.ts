/**
 * One Nunjucks compile per template text (scripts/site/njk-compile-cache.ts): Eleventy
 * makes a Template per page of a paginated template; the second and later compile the
 * same text in the same environment from the first one's code, and render the same.
 * Counted, never timed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
// @ts-expect-error Nunjucks ships no types; Eleventy depends on it and hands it to the plugin the same way.
import nunjucks from "nunjucks";
import { cacheCompiledTemplates, compileStats } from "../scripts/site/njk-compile-cache.ts";

const lib = nunjucks as { Environment: new (loader: unknown, opts: object) => object; Template: new (src: string, env: object, path: string) => { render(ctx: object): string } };

test("the same text in the same environment is compiled once and renders the same; other text or another environment compiles anew", () => {
  cacheCompiledTemplates(lib as never);
  cacheCompiledTemplates(lib as never); // patching twice is harmless
  const env = new lib.Environment(null, { autoescape: true });
  const before = { ...compileStats };
  const page = "{% set x = fact.slug %}<p>{{ x }} {{ fact.title }}</p>{% block b %}[{{ fact.slug }}]{% endblock %}";
  const out = ["a", "b<script>", "c"].map((slug) => new lib.Template(page, env, "fact.njk").render({ fact: { slug, title: `T ${slug}` } }));
  assert.deepEqual(out, ["<p>a T a</p>[a]", "<p>b&lt;script&gt; T b&lt;script&gt;</p>[b&lt;script&gt;]", "<p>c T c</p>[c]"]);
  assert.equal(compileStats.compiled - before.compiled, 1);
  assert.equal(compileStats.reused - before.reused, 2);
  // Another text, another path or another environment (other filters) is compiled on its own.
  assert.equal(new lib.Template(page + "!", env, "fact.njk").render({ fact: { slug: "d", title: "" } }), "<p>d </p>[d]!");
  new lib.Template(page, env, "other.njk").render({ fact: { slug: "e" } });
  new lib.Template(page, new lib.Environment(null, {}), "fact.njk").render({ fact: { slug: "f" } });
  assert.equal(compileStats.compiled - before.compiled, 4);
  assert.equal(compileStats.reused - before.reused, 2);
});
