/**
 * The CI and deploy workflows are part of the trust model (DESIGN section 3): these
 * tests pin the properties a careless edit could lose.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORKFLOWS = join(ROOT, ".github/workflows");
const ISSUE_TEMPLATES = join(ROOT, ".github/ISSUE_TEMPLATE");

type Permissions = Record<string, string> | string;
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Permissions;
  environment?: { name?: string; url?: string } | string;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
  permissions?: Permissions;
  concurrency?: { group?: string; "cancel-in-progress"?: boolean | string };
  jobs: Record<string, Job>;
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const workflows = files.map((file) => {
  const raw = readFileSync(join(WORKFLOWS, file), "utf8");
  return { file, raw, doc: parse(raw) as Workflow };
});
const byName = (file: string) => {
  const wf = workflows.find((w) => w.file === file);
  assert.ok(wf, `.github/workflows/${file} exists`);
  return wf;
};
const steps = (doc: Workflow) =>
  Object.entries(doc.jobs).flatMap(([job, j]) => (j.steps ?? []).map((step) => ({ job, step })));

test("the deploy and CI workflows exist", () => {
  for (const name of ["ci.yml", "deploy.yml", "guard.yml"]) assert.ok(files.includes(name), `.github/workflows/${name} is missing`);
});

test("deploy runs on push to main and by hand, one deployment at a time", () => {
  const { doc } = byName("deploy.yml");
  assert.deepEqual(Object.keys(doc.on).sort(), ["push", "workflow_dispatch"]);
  assert.deepEqual(doc.on.push?.branches, ["main"]);
  assert.equal(doc.concurrency?.group, "pages");
  assert.equal(doc.concurrency?.["cancel-in-progress"], false);
});

test("deploy builds with the Pages path prefix and URL passed through env", () => {
  const { doc } = byName("deploy.yml");
  const build = doc.jobs.build?.steps ?? [];
  const configure = build.find((s) => s.uses?.startsWith("actions/configure-pages@"));
  assert.equal(configure?.id, "pages");
  const buildStep = build.find((s) => s.run === "npm run build");
  assert.equal(buildStep?.env?.PATH_PREFIX, "${{ steps.pages.outputs.base_path }}/");
  assert.equal(buildStep?.env?.SITE_URL, "${{ steps.pages.outputs.base_url }}");
  assert.equal(buildStep?.env?.SITE_REPOSITORY, "${{ github.server_url }}/${{ github.repository }}", "the build learns the real repository for \"Suggest a correction\"");
  const upload = build.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"));
  assert.equal(upload?.with?.path, "_site");

  const deploy = doc.jobs.deploy;
  assert.ok(deploy);
  assert.equal(deploy.needs, "build");
  assert.deepEqual(deploy.environment, { name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" });
  const step = deploy.steps?.find((s) => s.uses?.startsWith("actions/deploy-pages@"));
  assert.equal(step?.id, "deployment");
});

test("CI runs on pull_request and pushes to main", () => {
  const { doc } = byName("ci.yml");
  assert.ok("pull_request" in doc.on, "ci.yml is triggered by pull_request");
  assert.deepEqual(doc.on.push?.branches, ["main"]);
});

test("only guard.yml uses pull_request_target, no workflow uses workflow_run, none uses secrets", () => {
  for (const { file, doc } of workflows) {
    if (file !== "guard.yml") assert.ok(!("pull_request_target" in doc.on), `${file} must not use pull_request_target: it runs with the base repository's context`);
    assert.ok(!("workflow_run" in doc.on), `${file}: workflow_run runs with write access on fork code`);
  }
  for (const file of ["ci.yml", "guard.yml"]) assert.doesNotMatch(byName(file).raw, /\$\{\{[^}]*\bsecrets\b/, `${file} must not see secrets`);
});

test("top-level permissions are read-only", () => {
  for (const { file, doc } of workflows) {
    const perms = doc.permissions;
    assert.ok(perms && typeof perms === "object", `${file}: set top-level permissions explicitly (contents: read)`);
    assert.equal(perms.contents, "read", `${file}: top-level permissions need contents: read`);
    for (const [scope, level] of Object.entries(perms)) {
      assert.ok(level === "read" || level === "none", `${file}: top-level ${scope}: ${level} must be read or none`);
    }
  }
});

test("only the deploy job may write, and only to pages and id-token", () => {
  const writes: string[] = [];
  for (const { file, doc } of workflows) {
    for (const [name, job] of Object.entries(doc.jobs)) {
      const perms = job.permissions;
      if (perms === undefined) continue;
      assert.ok(typeof perms === "object", `${file} ${name}: list permissions by scope, not "${String(perms)}"`);
      for (const [scope, level] of Object.entries(perms)) {
        if (level === "write") writes.push(`${file} ${name} ${scope}`);
        else assert.ok(level === "read" || level === "none", `${file} ${name}: ${scope}: ${level}`);
      }
    }
  }
  assert.deepEqual(writes.sort(), ["deploy.yml deploy id-token", "deploy.yml deploy pages", "verify.yml verify contents", "verify.yml verify pull-requests"]);
});

test("every action is pinned by a full commit SHA with its version in a comment", () => {
  const pinned = /^\s*(?:-\s+)?uses:\s+([\w.-]+\/[\w.\/-]+)@([0-9a-f]{40}) # (v\d+(?:\.\d+)*)\s*$/;
  const shaOf = new Map<string, string>();
  for (const { file, raw, doc } of workflows) {
    const lines = raw.split("\n").filter((l) => /^\s*(?:-\s+)?uses:/.test(l));
    // Every `uses` the parser sees is one of these lines (no flow-style mapping hides one).
    assert.equal(lines.length, steps(doc).filter(({ step }) => step.uses).length, `${file}: one uses: per line`);
    for (const line of lines) {
      const m = pinned.exec(line);
      assert.ok(m, `${file}: "${line.trim()}" must be "uses: owner/action@<40-hex SHA> # vX.Y.Z"`);
      const [, action, sha, version] = m as unknown as [string, string, string, string];
      const key = `${action} ${version}`;
      assert.equal(shaOf.get(key) ?? sha, sha, `${action} ${version} is pinned to two different SHAs`);
      shaOf.set(key, sha);
    }
  }
});

test("checkout never leaves the token in .git/config", () => {
  for (const { file, doc } of workflows) {
    for (const { job, step } of steps(doc)) {
      if (!step.uses?.startsWith("actions/checkout@")) continue;
      assert.equal(step.with?.["persist-credentials"], false, `${file} ${job}: checkout needs persist-credentials: false`);
    }
  }
});

test("no expression is expanded inside run: (event data goes through env:)", () => {
  for (const { file, doc } of workflows) {
    for (const { job, step } of steps(doc)) {
      if (step.run === undefined) continue;
      for (const bad of ["${{", "github.event.", "github.head_ref", "inputs."]) {
        assert.ok(!step.run.includes(bad),
          `${file} ${job} "${step.name ?? step.run}": "${bad}" inside run: can inject shell; pass the value through env: and use "$NAME"`);
      }
    }
  }
});

test("the fork guard runs from guard.yml (pull_request_target), which never checks out or runs PR code", () => {
  const { doc, raw } = byName("guard.yml");
  assert.deepEqual(Object.keys(doc.on), ["pull_request_target"]);
  assert.ok(!("guard" in byName("ci.yml").doc.jobs), "ci.yml (which the PR can edit) must not hold the guard");
  const guard = doc.jobs.guard;
  assert.ok(guard, "guard.yml has a guard job");
  const list = guard.steps ?? [];
  const checkout = list.filter((s) => s.uses?.startsWith("actions/checkout@"));
  assert.equal(checkout.length, 1);
  // No ref: pull_request_target checks out the base branch. A ref or repository of the
  // head would put the fork's code in the work tree, where npm ci and tsx would run it.
  assert.deepEqual(Object.keys(checkout[0]!.with ?? {}).sort(), ["fetch-depth", "persist-credentials"]);
  assert.equal(checkout[0]!.with?.["fetch-depth"], 0);
  assert.doesNotMatch(raw, /^\s*ref:|head\.ref|refs\/pull\/[^"]*merge/m, "never check out the head or merge ref");
  for (const s of list) {
    assert.ok(!s.uses || /^actions\/(checkout|setup-node)@/.test(s.uses), `guard.yml uses only checkout and setup-node, not ${s.uses}`);
    assert.ok(!s.with?.cache, "no shared cache in a pull_request_target workflow (cache poisoning)");
    if (s.run) assert.doesNotMatch(s.run, /\bgit (checkout|switch|worktree|restore|reset)\b|npm (run|test|install\b)|\.\/|bash |sh /, `guard.yml must not run PR code: ${s.run}`);
  }
  const fetch = list.find((s) => s.run?.startsWith("git fetch"));
  assert.equal(fetch?.run, 'git fetch --quiet --no-tags origin "+refs/pull/${PR_NUMBER}/head:refs/remotes/pull/head"');
  assert.deepEqual(fetch?.env, { PR_NUMBER: "${{ github.event.pull_request.number }}" });
  assert.ok(list.some((s) => s.run === "npm ci --ignore-scripts"), "install the base's dependencies without lifecycle scripts");
  const step = list.find((s) => s.run?.includes("scripts/cli/guard.ts"));
  assert.equal(step?.run, 'npx tsx scripts/cli/guard.ts --base "$BASE_SHA" --head "$HEAD_SHA"');
  assert.deepEqual(step?.env, {
    BASE_SHA: "${{ github.event.pull_request.base.sha }}",
    HEAD_SHA: "${{ github.event.pull_request.head.sha }}",
    IS_FORK: "${{ github.event.pull_request.head.repo.full_name != github.repository }}",
  });
  assert.equal(guard.permissions, undefined, "the guard job inherits the read-only top-level permissions");
});

test("CONTRIBUTING names the guard's job as the required check", () => {
  const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
  assert.match(text, /required status check[^\n]*"Fork guard"/i);
});

test("test output cannot forge workflow commands: npm test runs between stop-commands markers", () => {
  const test = byName("ci.yml").doc.jobs.test?.steps?.find((s) => s.name === "Test");
  const lines = (test?.run ?? "").trim().split("\n");
  assert.deepEqual(lines, ['token="$(openssl rand -hex 16)"', 'echo "::stop-commands::$token"', "status=0", "npm test || status=$?", 'echo "::$token::"', 'exit "$status"']);
});

test("the test job checks, builds under a prefix, tests with Chrome and keeps the site", () => {
  const { doc } = byName("ci.yml");
  const list = doc.jobs.test?.steps ?? [];
  const runs = list.map((s) => s.run).filter(Boolean);
  assert.deepEqual(runs.map((r) => (r!.includes("npm test") ? "npm test" : r)), ["npm ci", "npm run check", 'npm run check -- --base "origin/$BASE_REF"', "npm run build", "npm test"]);
  // The pull request's base branch reaches the shell through env, never expanded in run:.
  const base = list.find((s) => s.run?.includes("--base"));
  assert.equal(base?.if, "github.event_name == 'pull_request'");
  assert.equal(base?.env?.BASE_REF, "${{ github.base_ref }}");
  assert.equal(list.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["fetch-depth"], 0);
  assert.equal(list.find((s) => s.run === "npm run build")?.env?.PATH_PREFIX, "/us-ukraine-minerals/");
  assert.equal(list.find((s) => s.name === "Test")?.env?.CHROME_PATH, "/usr/bin/google-chrome");
  const setup = list.find((s) => s.uses?.startsWith("actions/setup-node@"));
  assert.equal(setup?.with?.cache, "npm");
  const upload = list.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
  assert.equal(upload?.with?.path, "_site");
});

test("issue forms are valid: name, description, body items with ids and labels", () => {
  const forms = readdirSync(ISSUE_TEMPLATES).filter((f) => /\.ya?ml$/.test(f) && f !== "config.yml").sort();
  assert.deepEqual(forms, ["correction.yml", "new-fact.yml"]);
  const TYPES = new Set(["markdown", "textarea", "input", "dropdown", "checkboxes"]);
  for (const file of forms) {
    const form = parse(readFileSync(join(ISSUE_TEMPLATES, file), "utf8")) as {
      name?: unknown; description?: unknown; title?: unknown; labels?: unknown;
      body?: { type: string; id?: string; attributes?: Record<string, unknown>; validations?: { required?: boolean } }[];
    };
    assert.equal(typeof form.name, "string", `${file}: name`);
    assert.equal(typeof form.description, "string", `${file}: description`);
    assert.equal(typeof form.title, "string", `${file}: title`);
    assert.ok(Array.isArray(form.labels), `${file}: labels`);
    assert.ok(Array.isArray(form.body) && form.body.length > 0, `${file}: body`);
    const ids = new Set<string>();
    let required = 0;
    for (const item of form.body) {
      assert.ok(TYPES.has(item.type), `${file}: unknown body type ${item.type}`);
      assert.ok(item.attributes, `${file}: every body item needs attributes`);
      if (item.type === "markdown") {
        assert.equal(typeof item.attributes.value, "string", `${file}: markdown needs attributes.value`);
        continue;
      }
      assert.ok(item.id && /^[a-z0-9_-]+$/.test(item.id), `${file}: ${item.type} needs an id`);
      assert.ok(!ids.has(item.id), `${file}: duplicate id ${item.id}`);
      ids.add(item.id);
      assert.equal(typeof item.attributes.label, "string", `${file} ${item.id}: label`);
      if (item.validations?.required) required++;
    }
    assert.ok(required > 0, `${file}: at least one required field`);
  }
  const config = parse(readFileSync(join(ISSUE_TEMPLATES, "config.yml"), "utf8")) as { blank_issues_enabled?: unknown };
  assert.equal(config.blank_issues_enabled, false);
});

test("the build cache is restored everywhere but saved only by runs on main", () => {
  for (const file of ["ci.yml", "deploy.yml"]) {
    const { doc } = byName(file);
    const all = steps(doc).map(({ step }) => step);
    const restore = all.filter((s) => s.uses?.startsWith("actions/cache/restore@"));
    const save = all.filter((s) => s.uses?.startsWith("actions/cache/save@"));
    // The combined action saves at the end of any run, pull requests included.
    assert.equal(all.filter((s) => /^actions\/cache@/.test(s.uses ?? "")).length, 0, `${file}: use actions/cache/restore and /save, not actions/cache`);
    assert.equal(restore.length, 1, `${file}: restores the build cache`);
    assert.equal(restore[0]!.with?.path, ".cache/factsheet");
    for (const s of save) {
      assert.equal(s.with?.path, ".cache/factsheet");
      assert.match(s.if ?? "", /github\.ref == 'refs\/heads\/main'/, `${file}: the cache is saved only on main`);
      if (file === "ci.yml") assert.match(s.if ?? "", /github\.event_name == 'push'/, "ci.yml saves only on push");
    }
    const build = all.findIndex((s) => s.run === "npm run build");
    assert.ok(all.indexOf(restore[0]!) < build, `${file}: restore before the build`);
  }
});

test("verify runs weekly and by hand on main's code only, and proposes records as one pull request", () => {
  const { doc, raw } = byName("verify.yml");
  assert.deepEqual(Object.keys(doc.on).sort(), ["schedule", "workflow_dispatch"], "no trigger that could run pull-request code");
  assert.ok(Array.isArray((doc.on as Record<string, unknown>).schedule), "a weekly schedule");
  const job = doc.jobs.verify;
  assert.ok(job, "verify.yml has a verify job");
  assert.equal(job.if, "github.ref == 'refs/heads/main'");
  assert.deepEqual(job.permissions, { contents: "write", "pull-requests": "write" });
  const list = job.steps ?? [];
  const checkout = list.find((s) => s.uses?.startsWith("actions/checkout@"));
  assert.equal(checkout?.with?.ref, "main");
  const run = list.find((s) => s.run?.startsWith("npm run verify"));
  assert.equal(run?.run, 'npm run verify -- --archive --summary "$RUNNER_TEMP/verify-summary.md"');
  const propose = list.find((s) => s.run?.includes("gh pr create"));
  assert.ok(propose, "a step opens the pull request");
  assert.match(propose.run!, /git add -A content\/verification\n/, "only the records are committed");
  assert.match(propose.run!, /HEAD:refs\/heads\/verify\/records/, "one branch, updated in place");
  assert.match(propose.run!, /gh pr edit verify\/records/, "an open pull request is updated, not duplicated");
  assert.equal(propose.env?.GH_TOKEN, "${{ github.token }}");
  assert.doesNotMatch(raw, /\$\{\{[^}]*\bsecrets\b/, "the job token is enough");
});
