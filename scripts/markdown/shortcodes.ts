/**
 * `{{< fig id >}}` (inline: the figure's formatted value, linked to its definition,
 * with its citation) and `{{< chart id >}}` (a block on its own line). These are parse
 * rules, not a template language: nothing else in `{{ }}` means anything, and any other
 * braces are shown as typed. Ids are quoted in messages with control characters escaped.
 */
import type { MarkdownIt } from "markdown-it";
import { asEnv, report } from "./env.ts";
import { didYouMean } from "../lib/problem.ts";
import { escapeHtml } from "../lib/html.ts";
import { printable } from "../lib/yaml-safe.ts";
import { chartHtml } from "../lib/chart-markup.ts";
import { figureControl } from "../lib/previews.ts";

const SHORTCODE = /^\{\{<\s*([a-z]+)\s+([^\s>]*)\s*>\}\}/;
const CHART_LINE = /^\{\{<\s*chart\s+([^\s>]*)\s*>\}\}\s*$/;

export function shortcodesPlugin(md: MarkdownIt): void {
  md.renderer.rules.fig = (tokens, idx, _o, e) => {
    const env = asEnv(e);
    const f = env.content.figures.get(tokens[idx]!.meta!.id as string)!;
    env.usedFigures?.push(f.id);
    // With a preview box on the page the value opens it; else (a caller that adds none) it links to the figure.
    const href = env.href(`/facts/${f.fact}/#fig-${f.id}`);
    const value = env.usedFigures ? figureControl(f, href)
      : `<a class="fig" href="${escapeHtml(href)}" title="${escapeHtml(f.label)}">${escapeHtml(f.display)}</a>`;
    return `${value}${env.citer.cite([{ id: f.source }])}`;
  };
  md.renderer.rules.chart = (tokens, idx, _o, e) => {
    const env = asEnv(e);
    const c = env.content.charts.get(tokens[idx]!.meta!.id as string)!;
    // One level below the heading the chart sits under (the page's h1 when none): no skipped levels.
    let level = 1;
    for (let i = idx - 1; i >= 0; i--) if (tokens[i]!.type === "heading_open") { level = Number(tokens[i]!.tag.slice(1)); break; }
    return chartHtml(c, env.citer, env.href, level + 1, { abs: env.abs, sources: env.content.sources }) + "\n";
  };

  md.inline.ruler.before("link", "shortcode", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x7b || !state.src.startsWith("{{<", state.pos)) return false;
    const m = SHORTCODE.exec(state.src.slice(state.pos, state.pos + 200));
    if (!m) return false;
    const [text, name, id] = m as unknown as [string, string, string];
    if (!silent) {
      const env = asEnv(state.env);
      if (name === "fig" && env.content.figures.has(id)) state.push("fig", "", 0).meta = { id };
      else {
        if (name === "fig") report(env, text, "unknown-figure", `figure "${printable(id)}" is not defined in any fact${didYouMean(id, env.content.figures)}`);
        else if (name === "chart") report(env, text, "chart-placement", `{{< chart ${printable(id)} >}} must stand alone on its own line`);
        else report(env, text, "unknown-shortcode", `"{{< ${name} >}}" is not a shortcode: use {{< fig id >}} or {{< chart id >}}`);
        state.push("text", "", 0).content = text;
      }
    }
    state.pos += text.length;
    return true;
  });

  md.block.ruler.before("paragraph", "chart", (state, startLine, _end, silent) => {
    const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
    const m = CHART_LINE.exec(line);
    if (!m) return false;
    if (silent) return true;
    const env = asEnv(state.env);
    const id = m[1]!;
    const chart = env.content.charts.get(id);
    env.map = [startLine, startLine + 1];
    if (!chart) {
      report(env, line, "unknown-chart", `chart "${printable(id)}" is not defined in any fact${didYouMean(id, env.content.charts)}`);
      const t = state.push("paragraph_open", "p", 1); t.map = [startLine, startLine + 1];
      const inline = state.push("text_block", "", 0); inline.content = line;
      state.push("paragraph_close", "p", -1);
    } else if (env.placedCharts.includes(id)) {
      report(env, line, "duplicate-chart", `chart "${printable(id)}" is already placed on this page: place each chart once`);
    } else {
      env.placedCharts.push(id);
      state.push("chart", "", 0).meta = { id };
    }
    state.line = startLine + 1;
    return true;
  });
  md.renderer.rules.text_block = (tokens, idx) => escapeHtml(tokens[idx]!.content);
}
