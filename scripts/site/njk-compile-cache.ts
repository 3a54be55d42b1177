/**
 * Eleventy 3.1 makes a new Nunjucks Template for every page of a paginated template and
 * Nunjucks compiles each one (lexer, parser, code generation, `new Function`): at 4,000
 * facts that is 8,000 compiles of the same two lines (the page and its permalink). This
 * keeps one compiled form per environment, path and exact source text, as Nunjucks
 * itself does for the templates it loads by name; a Template compiled from the same text
 * in the same environment has the same code, so the pages are byte-for-byte the same.
 */
interface NunjucksTemplate {
  env: object; path?: string; tmplStr?: unknown; tmplProps?: unknown;
  _compile(): void; _getBlocks(props: object): unknown;
  blocks?: unknown; rootRenderFunc?: unknown; compiled?: boolean;
}
interface NunjucksLib { Template: { prototype: NunjucksTemplate } }

const patched = new WeakSet<object>();
/** Compile work, for tests that count it. */
export const compileStats = { compiled: 0, reused: 0 };

export function cacheCompiledTemplates(nunjucks: NunjucksLib): void {
  const proto = nunjucks.Template.prototype;
  if (patched.has(proto)) return;
  patched.add(proto);
  const original = proto._compile;
  const byEnv = new WeakMap<object, Map<string, { blocks: unknown; root: unknown }>>();
  proto._compile = function (this: NunjucksTemplate) {
    if (this.tmplProps || typeof this.tmplStr !== "string") { original.call(this); return; }
    let cache = byEnv.get(this.env);
    if (!cache) byEnv.set(this.env, (cache = new Map()));
    const key = `${this.path ?? ""}\0${this.tmplStr}`;
    const hit = cache.get(key);
    if (hit) {
      compileStats.reused++;
      this.blocks = hit.blocks;
      this.rootRenderFunc = hit.root;
      this.compiled = true;
      return;
    }
    compileStats.compiled++;
    original.call(this);
    cache.set(key, { blocks: this.blocks, root: this.rootRenderFunc });
  };
}
