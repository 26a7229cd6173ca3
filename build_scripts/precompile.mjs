// Precompile Python for the browser with the runtime's own Python (see precompile.py).
//   node precompile.mjs wheels RUNTIME_DIR OUT_DIR WHEEL...
//       every wheel, precompiled, into OUT_DIR
//   node precompile.mjs stdlib SITE_RUNTIME_DIR OUT_FILE PACKAGE...
//       the runtime's python_stdlib.zip with the modules that importing PACKAGE (and running
//       calc's estimators) needs beyond the bare runtime precompiled, written to OUT_FILE
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ENV } from "../docs/assets/calc/engine-snapshot.mjs";

const [mode, runtimeDir, out, ...rest] = process.argv.slice(2);
const indexURL = resolve(runtimeDir) + "/";
const { loadPyodide } = await import(new URL("pyodide.mjs", pathToFileURL(indexURL)).href);
const pyodide = await loadPyodide({ indexURL, env: ENV });
const here = fileURLToPath(new URL(".", import.meta.url));
pyodide.FS.writeFile("/tmp/precompile.py", readFileSync(join(here, "precompile.py")));
pyodide.runPython("import sys; sys.path.insert(0, '/tmp'); import precompile");

if (mode === "wheels") {
  // Only the stdlib is used here: no package is loaded, so nothing can come from a CDN.
  const convert = pyodide.runPython("lambda data: precompile.precompile_wheel(bytes(data))");
  for (const wheel of rest) {
    const result = convert(new Uint8Array(readFileSync(wheel)));
    writeFileSync(join(out, basename(wheel)), result.toJs());
    result.destroy();
  }
  console.log(`precompiled ${rest.length} wheel(s) with Python ${pyodide.runPython("sys.version.split()[0]")}`);
} else if (mode === "stdlib") {
  // The packages come from the site's own lock and folder (every dependency is listed there).
  pyodide.runPython("baseline = set(sys.modules)");
  await pyodide.loadPackage(rest, { messageCallback: () => {} });
  const names = pyodide.runPython(`
import calc
for estimator in calc.catalogue():
    calc.run(estimator["id"], {})
prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
sorted(
    m.__file__[len(prefix):] for name, m in list(sys.modules.items())
    if name not in baseline and getattr(m, "__file__", None) and m.__file__.startswith(prefix)
)`).toJs();
  const convert = pyodide.runPython("lambda data, names: precompile.precompile_modules(bytes(data), set(names))");
  const result = convert(new Uint8Array(readFileSync(join(indexURL, "python_stdlib.zip"))), names);
  writeFileSync(out, result.toJs());
  console.log(`precompiled ${names.length} stdlib modules that ${rest.join(", ")} import`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
