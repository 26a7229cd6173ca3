// The engine as the browser starts it, under Node: restored from the site's memory snapshot by the
// site's own engine-snapshot.mjs, with its files read from the built site instead of fetched.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The restored Pyodide; `onSyncFetch(url)` hears of each file fetched for an import outside the snapshot. */
export async function restore(runtimeDir, { onSyncFetch = () => {} } = {}) {
  const indexURL = resolve(runtimeDir) + "/";
  const site = pathToFileURL(resolve(indexURL, "../..") + "/").href;
  const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
  const { restoreEngine } = await import(new URL("assets/calc/engine-snapshot.mjs", site).href);
  const { ZSTDDecoder } = await import(new URL("assets/calc/vendor/zstddec.mjs", site).href);
  const zstd = new ZSTDDecoder();
  await zstd.init();
  const file = (url) => new Uint8Array(readFileSync(fileURLToPath(new URL(url).href.split("?")[0])));
  return restoreEngine({
    loadPyodide,
    indexURL,
    baseURL: pathToFileURL(indexURL).href,
    meta: JSON.parse(readFileSync(indexURL + "engine.json", "utf-8")),
    fetchBytes: async (url) => file(url),
    fetchBytesSync: (url) => (onSyncFetch(url), file(url)),
    compile: async (url) => WebAssembly.compile(file(url)),
    decompress: (bytes, size) => zstd.decode(bytes, size),
    packed: true, // as a first visit: the extension module from its zstd copy
  });
}
