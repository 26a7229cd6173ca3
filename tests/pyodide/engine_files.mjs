// Which files a restored engine fetches after its start (tests/site/test_engine_files.py).
//   node tests/pyodide/engine_files.mjs SITE_RUNTIME_DIR CASES_JSON
// CASES_JSON: [[estimator id, inputs as JSON text], …]. Runs every case through the bridge, then
// imports a stdlib module that no calculator uses; prints, as JSON, the files fetched during the
// runs and after the import, the runs that answered with an internal error, and the import's result.
import { readFileSync } from "node:fs";
import { restore } from "./restore.mjs";

const [runtimeDir, casesFile] = process.argv.slice(2);
const fetched = [];
const pyodide = await restore(runtimeDir, { onSyncFetch: (url) => fetched.push(url.split("/").pop()) });
const runJson = pyodide.runPython("from calc.bridge import run_json\nrun_json");
const internal = [];
for (const [estimator, inputs] of JSON.parse(readFileSync(casesFile, "utf-8"))) {
  const { response } = JSON.parse(runJson(estimator, inputs));
  if ((response.errors || []).some((error) => String(error.message).startsWith("内部错误"))) {
    internal.push([estimator, inputs]);
  }
}
const duringRuns = [...fetched];
const imported = pyodide.runPython("import difflib\n''.join(difflib.ndiff(['a'], ['b']))");
console.log(JSON.stringify({ duringRuns, afterImport: fetched.slice(duringRuns.length), internal, imported }));
process.exit(0);
