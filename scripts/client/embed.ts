/**
 * The embed page's only own script: tells the page that frames it how tall the chart is,
 * so the iframe fits (the snippet's listener sets the height; see embedSnippet in
 * scripts/lib/chart-markup.ts). Only a height crosses, never content.
 */
const post = (): void => {
  if (window.parent === window) return;
  window.parent.postMessage({ type: "factsheet-embed-height", height: Math.ceil(document.documentElement.scrollHeight) }, "*");
};
if (typeof ResizeObserver === "function") new ResizeObserver(post).observe(document.documentElement);
addEventListener("load", post);
post();
