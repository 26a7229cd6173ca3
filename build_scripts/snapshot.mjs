// Make the engine's memory snapshot at build time (see docs/assets/calc/engine-snapshot.mjs).
//   node snapshot.mjs SITE_RUNTIME_DIR WORK_DIR
// WORK_DIR holds files.json ([[path, size], …]), files.bin (their bytes, in order) and one file
// per extension module named in libraries-in.json ([{path, file}]); this writes snapshot.bin and
// snapshot.json (libraries with their addresses, the function table's length) there.
// Nothing comes from the network: the interpreter imports only what the site ships.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ENV, recordLibraries, writeFiles } from "../docs/assets/calc/engine-snapshot.mjs";

globalThis.fetch = async (url) => {
  throw new Error(`no network while making the snapshot: ${url}`);
};

const TABLE_SLACK = 256;
const [runtimeDir, work] = process.argv.slice(2);
const indexURL = resolve(runtimeDir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL, env: ENV, _makeSnapshot: true });

writeFiles(pyodide.FS, JSON.parse(readFileSync(join(work, "files.json"), "utf-8")), readFileSync(join(work, "files.bin")));
for (const lib of JSON.parse(readFileSync(join(work, "libraries-in.json"), "utf-8"))) {
  pyodide.FS.writeFile(lib.path, readFileSync(join(work, lib.file)));
}
// Browsers add a few functions to the table that Node does not: extension modules start at a
// round index above them, which the restore pads the table to (engine-snapshot.mjs).
const tableStart = Math.ceil((pyodide._module.wasmTable.length + TABLE_SLACK) / 1024) * 1024;
pyodide._module.wasmTable.grow(tableStart - pyodide._module.wasmTable.length);
pyodide.FS.writeFile("/tmp/warm_up.py", readFileSync(new URL("warm_up.py", import.meta.url)));
pyodide.runPython("import sys; sys.path.insert(0, '/tmp'); import warm_up; sys.path.remove('/tmp'); del sys.modules['warm_up']");

const libraries = recordLibraries(pyodide._module);
const tableLength = pyodide._module.wasmTable.length;
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(join(work, "snapshot.bin"), snapshot);
writeFileSync(join(work, "snapshot.json"), JSON.stringify({ libraries, tableStart, tableLength }, null, 1));
console.log(`snapshot: ${(snapshot.length / 1e6).toFixed(1)} MB of memory, ${libraries.length} extension module(s)`);
process.exit(0);
