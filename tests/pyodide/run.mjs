// Run the unit tests inside Pyodide under Node, with the site's own runtime and shipped wheels.
//   node tests/pyodide/run.mjs SITE_RUNTIME_DIR TEST_WHEEL... -- PYTEST_ARG...
// The engine under test starts as the browser's does: from the site's memory snapshot, restored
// by the site's own engine-snapshot.mjs (restore.mjs; set CALC_NO_SNAPSHOT=1 for the ordinary
// start: the `calc` wheel installed by loadPackage from the site's pyodide-lock.json). The test tools are
// extra wheels. Nothing may come from the network: Pyodide under Node would silently fetch a
// missing package from a CDN.
import { resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { restore } from "./restore.mjs";

const nodeFetch = globalThis.fetch;
globalThis.fetch = async (url) => {
  if (String(url).startsWith("data:")) return nodeFetch(url); // the zstd decoder's own wasm
  throw new Error(`network access is not allowed in the Pyodide tests: ${url}`);
};

const args = process.argv.slice(2);
const split = args.indexOf("--");
const [runtimeDir, ...wheels] = args.slice(0, split);
const pytestArgs = args.slice(split + 1);
const indexURL = resolve(runtimeDir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const quiet = { messageCallback: () => {}, errorCallback: (text) => console.error(text) };
let pyodide;
if (process.env.CALC_NO_SNAPSHOT) {
  const { ENV } = await import(new URL("assets/calc/engine-snapshot.mjs", pathToFileURL(resolve(indexURL, "../..") + "/")).href);
  pyodide = await loadPyodide({ indexURL, env: ENV });
  await pyodide.loadPackage(["calc"], quiet);
} else {
  // pytest's first import brings the stdlib and the shipped modules (warm_up.py's LazyFiles)
  pyodide = await restore(runtimeDir);
  console.log("engine restored from the site's memory snapshot");
}
// The batch page's Excel libraries, from the site's own lock, as that page installs them.
await pyodide.loadPackage((process.env.CALC_BATCH_PACKAGES || "").split(",").filter(Boolean), quiet);
await pyodide.loadPackage(wheels.map((w) => resolve(w)), quiet);

const tests = resolve(dirname(fileURLToPath(import.meta.url)), "..");
pyodide.FS.mkdirTree("/repo/tests");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: tests }, "/repo/tests");
pyodide.setStdout({ write: (bytes) => (process.stdout.write(bytes), bytes.length) });
pyodide.setStderr({ write: (bytes) => (process.stderr.write(bytes), bytes.length) });
const code = await pyodide.runPythonAsync(`
import os, sys
os.chdir("/tmp")
sys.path.insert(0, "/repo")  # the tests package only: calc comes from the installed wheel
import calc, pytest
assert calc.__file__.startswith("/lib/python"), calc.__file__
int(pytest.main(${JSON.stringify(pytestArgs)}))
`);
process.exit(code);
