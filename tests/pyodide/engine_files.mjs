// Which files a restored engine fetches after its start (tests/site/test_engine_files.py).
//   node tests/pyodide/engine_files.mjs SITE_RUNTIME_DIR CASES_JSON
// CASES_JSON: [[estimator id, inputs as JSON text], …]. Runs every case through the bridge, then
// imports a stdlib module that no calculator uses, first with the network cut (the import must
// fail, and leave the way open), then again; prints, as JSON, the files fetched during the runs and
// after the import, the runs that answered with an internal error, and both imports' outcomes.
import { readFileSync } from "node:fs";
import { restore } from "./restore.mjs";

const [runtimeDir, casesFile] = process.argv.slice(2);
const fetched = [];
let offline = false;
const onSyncFetch = (url) => {
  if (offline) throw new Error("offline");
  fetched.push(url.split("/").pop());
};
const pyodide = await restore(runtimeDir, { onSyncFetch });
const runJson = pyodide.runPython("from calc.bridge import run_json\nrun_json");
const internal = [];
for (const [estimator, inputs] of JSON.parse(readFileSync(casesFile, "utf-8"))) {
  const { response } = JSON.parse(runJson(estimator, inputs));
  if ((response.errors || []).some((error) => String(error.message).startsWith("内部错误"))) {
    internal.push([estimator, inputs]);
  }
}
const duringRuns = [...fetched];
offline = true;
let cutOff;
try {
  cutOff = `imported: ${pyodide.runPython("import difflib\ndifflib.__name__")}`;
} catch (err) {
  cutOff = /offline/.test(String(err.message)) ? "failed" : String(err.message).slice(-200);
}
offline = false;
const imported = pyodide.runPython("import difflib\n''.join(difflib.ndiff(['a'], ['b']))");
console.log(JSON.stringify({ duringRuns, afterImport: fetched.slice(duringRuns.length), internal, cutOff, imported }));
process.exit(0);
