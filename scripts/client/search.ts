/**
 * The search page's script: a small UI over Pagefind's JavaScript API. Pagefind's own
 * UI injects style attributes that our CSP forbids, so results are built here from DOM
 * nodes: every string from the index becomes text, never markup. The page works without
 * this script (it lists topics and people); the form is revealed only when it runs.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(q: string, o: { filters: Record<string, string> }, ms: number):
    Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const PAGE = 10;
const STATUS = /^[a-z]+$/;

/** Pagefind excerpts are HTML-escaped text with `<mark>` around matches. */
export function excerptNodes(excerpt: string, doc: Document = document): Node[] {
  const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) =>
    ({ lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", amp: "&" })[e]!);
  return excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).filter(Boolean).map((part) => {
    const m = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
    if (!m) return doc.createTextNode(decode(part.replace(/<[^>]*>/g, "")));
    const mark = doc.createElement("mark");
    mark.textContent = decode(m[1]!.replace(/<[^>]*>/g, ""));
    return mark;
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function resultItem(d: PagefindResultData): HTMLLIElement {
  const li = el("li", "search-result");
  const h = el("h2", "search-result-title");
  const a = el("a", undefined, d.meta.title || d.url);
  a.href = d.url;
  h.append(a);
  li.append(h);
  const bits = [d.meta.kind, d.meta.date, d.meta.publisher].filter((x): x is string => !!x);
  if (bits.length || d.meta.status) {
    const meta = el("p", "search-result-meta", bits.join(" · "));
    if (d.meta.status && STATUS.test(d.meta.status)) {
      if (bits.length) meta.append(" ");
      meta.append(el("span", `status status-${d.meta.status}`, d.meta.status));
    }
    li.append(meta);
  }
  const p = el("p", "search-result-excerpt");
  p.append(...excerptNodes(d.excerpt));
  li.append(p);
  return li;
}

async function start(form: HTMLFormElement) {
  const base = form.dataset.base || "/";
  const q = form.elements.namedItem("q") as HTMLInputElement;
  const selects = [...form.querySelectorAll<HTMLSelectElement>("select[data-filter]")];
  const status = document.querySelector<HTMLElement>("[data-search-status]")!;
  const list = document.querySelector<HTMLOListElement>("[data-search-results]")!;
  const more = document.querySelector<HTMLButtonElement>("[data-search-more]")!;

  const pagefind = (await import(/* runtime path */ `${base}pagefind/pagefind.js`)) as Pagefind;
  await pagefind.options({ baseUrl: base, excerptLength: 24 });
  await pagefind.init();

  const params = new URLSearchParams(location.search);
  q.value = params.get("q") ?? "";
  for (const s of selects) s.value = params.get(s.name) ?? "";
  form.hidden = false;
  for (const n of document.querySelectorAll<HTMLElement>("[data-search-nojs]")) n.hidden = true;

  let pending: { data(): Promise<PagefindResultData> }[] = [];
  const showMore = async () => {
    const page = pending.splice(0, PAGE);
    const items = await Promise.all(page.map((r) => r.data()));
    list.append(...items.map(resultItem));
    more.hidden = pending.length === 0;
  };

  // Each search takes a number; a slower, older one never overwrites a newer one's results.
  let issued = 0;
  const run = async () => {
    const seq = ++issued;
    const term = q.value.trim();
    const filters: Record<string, string> = {};
    for (const s of selects) if (s.value) filters[s.dataset.filter!] = s.value;
    const url = new URL(location.href);
    url.search = new URLSearchParams([...(term ? [["q", term]] : []), ...selects.filter((s) => s.value).map((s) => [s.name, s.value])]).toString();
    history.replaceState(null, "", url);
    if (!term && !Object.keys(filters).length) {
      list.replaceChildren(); status.textContent = ""; more.hidden = true; return;
    }
    const found = await pagefind.debouncedSearch(term || null as unknown as string, { filters }, 250);
    if (!found) return; // a newer query replaced this one
    const first = await Promise.all(found.results.slice(0, PAGE).map((r) => r.data()));
    if (seq !== issued) return;
    // Results and their count change together, so the status never describes another list.
    pending = found.results.slice(PAGE);
    list.replaceChildren(...first.map(resultItem));
    more.hidden = pending.length === 0;
    const n = found.results.length;
    status.textContent = `${n} ${n === 1 ? "result" : "results"}${term ? ` for “${term}”` : ""}`;
  };

  form.addEventListener("submit", (e) => { e.preventDefault(); void run(); });
  q.addEventListener("input", () => void run());
  for (const s of selects) s.addEventListener("change", () => void run());
  more.addEventListener("click", () => void showMore());
  await run();
}

const form = typeof document !== "undefined" ? document.querySelector<HTMLFormElement>("form[data-search]") : null;
if (form) start(form).catch((e: unknown) => {
  const status = document.querySelector<HTMLElement>("[data-search-status]");
  if (status) status.textContent = "Search could not start. Browse the topics and people below instead.";
  console.error(e);
});
