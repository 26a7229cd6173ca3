// The calculation engine: Pyodide and the `calc` package, in a module Web Worker so the page
// never freezes. Messages in: {type: "init", indexURL, packages} then {type: "run", id,
// estimator, inputs}. Messages out: {type: "progress", percent, message}, {type: "ready"},
// {type: "error", message, detail} (message in Chinese for the reader, detail technical for
// whoever hosts the site), {type: "result", id, response, links}.
//
// The engine starts from the build's memory snapshot (engine.json, engine-snapshot.mjs): an
// interpreter that has imported everything already. If that fails for any reason, it starts the
// ordinary way: a fresh interpreter that installs the packages from the site's lock file.

import { ENV, restoreEngine } from "./engine-snapshot.mjs";

let runJson = null;

function progress(percent, message) {
  self.postMessage({ type: "progress", percent, message });
}

// Pyodide waits for ever when its wasm cannot be downloaded or compiled, and streams wasm only
// from a server that sends it as application/wasm. So every fetch of the worker goes through
// this: a failed download rejects the current start attempt (which races against it), and wasm
// sent under another type is relabelled.
const nativeFetch = self.fetch.bind(self);
let attempt = null;

function watchDownloads() {
  let reject;
  const failed = new Promise((_, fail) => (reject = fail));
  failed.catch(() => {}); // awaited through Promise.race only
  attempt = { reject };
  return failed;
}

self.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  let response;
  try {
    response = await nativeFetch(input, init);
  } catch (err) {
    attempt?.reject(new Error(`${url}: ${err.message}`));
    throw err;
  }
  if (!response.ok) {
    attempt?.reject(new Error(`${url}: HTTP ${response.status}`));
  } else if (/\.wasm(\?|$)/.test(url) && !(response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
    const { status, statusText } = response;
    return new Response(response.body, { status, statusText, headers: { "Content-Type": "application/wasm" } });
  }
  return response;
};

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

function messageOf(err) {
  return String(err && err.message ? err.message : err);
}

/** What went wrong, in Chinese, from an error of the runtime, the network or the browser. */
function describe(err) {
  const text = messageOf(err);
  if (/integrity|sha256|hash/i.test(text)) return "程序文件校验失败，文件可能已损坏或被替换";
  const wasmError = typeof WebAssembly === "object" && (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError);
  if (wasmError || /WebAssembly/.test(text)) return "浏览器无法运行计算引擎（WebAssembly）";
  if (/HTTP \d|fetch|network|load|404|Failed to/i.test(text)) return "无法下载计算引擎的文件";
  return "计算引擎启动失败";
}

/** A compiled wasm module, compiled while it downloads (and its code cached by the browser). */
async function compile(url) {
  return WebAssembly.compileStreaming(fetchOk(url));
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
    pyodide = await Promise.race([fromSnapshot(loadPyodide, indexURL), watchDownloads()]);
  } catch (err) {
    console.warn("calc engine: starting without the snapshot:", err);
    progress(20, "正在加载计算引擎…（Python 运行环境）");
    pyodide = await Promise.race([fresh(loadPyodide, indexURL, packages), watchDownloads()]);
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
      self.postMessage({ type: "error", message: describe(err), detail: messageOf(err).slice(0, 300) });
    }
  } else if (msg.type === "run") {
    try {
      const out = JSON.parse(runJson(msg.estimator, JSON.stringify(msg.inputs)));
      self.postMessage({ type: "result", id: msg.id, response: out.response, links: out.links });
    } catch (err) {
      self.postMessage({ type: "result", id: msg.id, failure: messageOf(err) });
    }
  }
};
