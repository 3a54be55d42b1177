// Eleventy's configuration: templates/ holds our own layouts; content/ is never an
// Eleventy input (see scripts/site/plugin.ts and SECURITY.md). Runs under tsx.
import sitePlugin, { handoff } from "./scripts/site/plugin.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(sitePlugin, handoff);
}

export const config = {
  dir: { input: "templates", includes: "_includes" },
  // Only our Nunjucks templates are pages; no Markdown, Liquid or JavaScript templates.
  templateFormats: ["njk"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
};
