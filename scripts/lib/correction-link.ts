/**
 * "Suggest a correction": the repository's correction issue form
 * (.github/ISSUE_TEMPLATE/correction.yml), opened with the fact's title and address
 * filled in through GitHub's issue-form URL parameters (`template`, `title`, and a
 * field's `id`). Pure: the caller passes absolute URLs.
 */

/** The form's file name and the id of its "Page on this site" field (test/correction-link.test.ts reads the form). */
export const CORRECTION_FORM = "correction.yml";
export const CORRECTION_PAGE_FIELD = "page";

/** The scaffold's placeholder (`https://github.com/example/...`): a real repository was never filled in. */
export function isPlaceholderRepository(url: string): boolean {
  try {
    const u = new URL(url);
    return u.hostname === "github.com" && u.pathname.split("/")[1] === "example";
  } catch {
    return true;
  }
}

/**
 * site.yaml's `repository`, unless it still holds the placeholder and the deploy knows the
 * real one (SITE_REPOSITORY, set by .github/workflows/deploy.yml from github.repository).
 */
export function effectiveRepository(fromSite: string, fromEnv?: string): string {
  const env = fromEnv?.trim();
  if (env && isPlaceholderRepository(fromSite) && /^https:\/\/[^\s/]+\/[^\s/]+\/[^\s/]+$/.test(env)) return env.replace(/\/+$/, "");
  return fromSite;
}

/** The issue form, prefilled; without a title and page it is the blank correction form. */
export function correctionUrl(repository: string, fill?: { title: string; page: string }): string {
  const u = new URL(`${repository.replace(/\/+$/, "")}/issues/new`);
  u.searchParams.set("template", CORRECTION_FORM);
  if (fill) {
    u.searchParams.set("title", `Correction: ${fill.title.replace(/\s+/g, " ").trim()}`);
    u.searchParams.set(CORRECTION_PAGE_FIELD, fill.page);
  }
  return u.href;
}
