// The calculation engine: Pyodide and the `calc` package, in a module Web Worker so the page
// never freezes. Messages in: {type: "init", indexURL, packages} then {type: "run", id,
// estimator, inputs}. Messages out: {type: "progress", percent, message}, {type: "ready"},
// {type: "error", message}, {type: "result", id, response, links}.
//
// The engine starts from the build's memory snapshot (engine.json, engine-snapshot.mjs): an
// interpreter that has imported everything already. If that fails for any reason, it starts the
// ordinary way: a fresh interpreter that installs the packages from the site's lock file.

import { restoreEngine } from "./engine-snapshot.mjs";

const ENV = { PYDANTIC_DISABLE_PLUGINS: "__all__" }; // pydantic would scan every distribution for plugins
let runJson = null;

function progress(percent, message) {
  self.postMessage({ type: "progress", percent, message });
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** A compiled wasm module: streamed (and code-cached) if the server sends application/wasm. */
async function compile(url) {
  const response = await fetchOk(url);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch {
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

async function fromSnapshot(loadPyodide, indexURL) {
  const meta = await (await fetchOk(new URL("engine.json", indexURL))).json();
  const fetchBytes = async (url) => new Uint8Array(await (await fetchOk(url)).arrayBuffer());
  return restoreEngine({ loadPyodide, indexURL, meta, fetchBytes, compile });
}

async function fresh(loadPyodide, indexURL, packages) {
  const pyodide = await loadPyodide({ indexURL, env: ENV });
  progress(60, "正在加载计算引擎…（计算程序包）");
  const failures = [];
  await pyodide.loadPackage(packages, {
    messageCallback: () => {},
    errorCallback: (text) => failures.push(text),
  });
  if (failures.length || !packages.every((name) => name in pyodide.loadedPackages)) {
    throw new Error(`程序包加载失败：${failures.join("；") || packages.join("、")}`);
  }
  return pyodide;
}

async function init(indexURL, packages) {
  progress(10, "正在加载计算引擎…（Python 运行环境）");
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  let pyodide = null;
  try {
    pyodide = await fromSnapshot(loadPyodide, indexURL);
  } catch (err) {
    console.warn("calc engine: starting without the snapshot:", err);
    progress(20, "正在加载计算引擎…（Python 运行环境）");
    pyodide = await fresh(loadPyodide, indexURL, packages);
  }
  progress(90, "正在加载计算引擎…（初始化）");
  runJson = pyodide.runPython("from calc.bridge import run_json\nrun_json");
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    try {
      await init(msg.indexURL, msg.packages);
      self.postMessage({ type: "ready" });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err && err.message ? err.message : err) });
    }
  } else if (msg.type === "run") {
    try {
      const out = JSON.parse(runJson(msg.estimator, JSON.stringify(msg.inputs)));
      self.postMessage({ type: "result", id: msg.id, response: out.response, links: out.links });
    } catch (err) {
      self.postMessage({ type: "result", id: msg.id, failure: String(err && err.message ? err.message : err) });
    }
  }
};
