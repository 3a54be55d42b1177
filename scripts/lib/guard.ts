/**
 * The fork guard: which changes a pull request from a fork may make without a
 * maintainer. Content is data (DESIGN section 3), so a fork may touch Markdown and YAML
 * under content/ and nothing else: not the workflows, not the lockfile, not the code
 * that reads content, and nothing inside content/ that Eleventy or Node would run.
 *
 * Pure: the CLI (scripts/cli/guard.ts) reads `git diff --raw` and passes the entries in.
 */

/** One changed path, as `git diff --raw` reports it. */
export interface Change {
  path: string;
  /**
   * Git mode of the file after the change (before it, for a deletion): "100644" regular,
   * "100755" executable, "120000" symlink, "160000" submodule. When omitted only the
   * path rules apply; the CLI always passes it.
   */
  mode?: string;
  /** Git status letter: A added, M modified, D deleted, T type changed. */
  status?: string;
}

export interface GuardProblem {
  path: string;
  message: string;
}

export interface GuardResult {
  ok: boolean;
  problems: GuardProblem[];
}

export const CONTENT_DIR = "content/";
export const VERIFICATION_DIR = "content/verification/";
export const CONTENT_EXTENSIONS = [".md", ".yaml", ".yml"] as const;
const CODE_EXTENSIONS = [".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".jsx", ".tsx"];

export const MODE_REGULAR = "100644";
export const MODE_EXECUTABLE = "100755";
export const MODE_SYMLINK = "120000";
export const MODE_SUBMODULE = "160000";

/** Said after every refusal, so a contributor knows the way forward. */
export const MAINTAINER_HINT =
  "pull requests from forks may change only .md, .yaml and .yml files under content/; " +
  "changes outside content/ need a maintainer: open the PR from a branch of the main repository, or ask a maintainer";

export function checkChangedPaths(changes: readonly Change[]): GuardResult {
  const problems: GuardProblem[] = [];
  for (const change of changes) {
    const reason = refusal(change);
    if (reason) problems.push({ path: change.path, message: `${reason}; ${MAINTAINER_HINT}` });
  }
  return { ok: problems.length === 0, problems };
}

/** Why this one change is refused, or null when a fork may make it. Most specific first. */
function refusal({ path, mode, status }: Change): string | null {
  const deleting = status === "D";
  const verb = deleting ? "deletes" : "changes";

  if (path === "") return "the path is empty";
  if (/[\u0000-\u001f\u007f]/.test(path)) return "the path contains control characters (a newline, tab or similar); rename the file";
  if (path.startsWith("/")) return "the path is absolute";
  const segments = path.split("/");
  if (segments.some((s) => s === ".." || s === "." || s === "")) {
    return `the path contains a "..", "." or empty segment`;
  }
  if (!path.startsWith(CONTENT_DIR)) return `${verb} a file outside content/`;
  // Verification records are what npm run verify saw at each source: only the verify
  // workflow or a maintainer writes them, or a fork could mark its own quotes "found".
  if (path.startsWith(VERIFICATION_DIR)) return `${verb} a verification record (content/verification/), which only the verify workflow or a maintainer writes; run npm run verify -- --only <id> locally to see the result, but do not commit it`;

  if (mode !== undefined && mode !== MODE_REGULAR) {
    if (mode === MODE_SUBMODULE) return `${verb} a git submodule (mode 160000) under content/`;
    if (mode === MODE_SYMLINK) {
      return deleting
        ? "deletes a symbolic link (mode 120000) under content/"
        : "is a symbolic link (mode 120000); content must be regular files: replace the link with the file itself";
    }
    if (mode === MODE_EXECUTABLE) {
      return deleting
        ? "deletes an executable file (mode 100755) under content/"
        : "is executable (mode 100755); content files must not be: run `git update-index --chmod=-x <path>` and commit";
    }
    return `has git mode ${mode}; only regular files (mode 100644) are accepted under content/`;
  }

  const name = segments[segments.length - 1]!;
  const lower = name.toLowerCase();
  if (lower.includes(".11tydata.")) {
    return `${verb} an Eleventy data file (*.11tydata.*), which can run code or set permalinks and layouts; content/ holds only .md, .yaml and .yml files`;
  }
  const code = CODE_EXTENSIONS.find((ext) => lower.endsWith(ext));
  if (code) return `${verb} a ${code} file, which is code; content/ holds only .md, .yaml and .yml files`;
  if (!CONTENT_EXTENSIONS.some((ext) => name.endsWith(ext))) {
    return `${verb} a file that is not .md, .yaml or .yml; content/ holds only Markdown and YAML files`;
  }
  return null;
}
