// The calculation engine: Pyodide and the `calc` package, in a module Web Worker so the page
// never freezes. Messages in: {type: "init", indexURL, packages} then {type: "run", id,
// estimator, inputs}. Messages out: {type: "progress", phase, loaded, total, percent, message},
// {type: "ready", offlineBytes}, {type: "error", message, detail} (message in Chinese for the
// reader, detail technical for whoever hosts the site), {type: "result", id, response, links}.
// The batch page (批量测算) also sends {type: "batch", id, estimator, name, bytes, packages} (the
// file's ArrayBuffer transferred) and {type: "batch-cancel", id}; it hears {type: "batch-progress",
// id, phase, done, total} (phase "load" while the Excel libraries install, "read" while the file
// is read, "rows" while rows are computed), then one of {type: "batch-done", id, xlsx, csv,
// summary, memory} (ArrayBuffers transferred; memory: the engine's wasm memory in bytes, for the
// benchmark), {type: "batch-error", id, message} or {type:
// "batch-cancelled", id}.
// A progress message's phase is "download" while the engine's files arrive (loaded and total in
// bytes sent over the network, total null while unknown) and "start" once they are all here.
//
// The engine starts from the build's memory snapshot (engine.json, engine-snapshot.mjs): an
// interpreter that has imported everything already. If that fails for any reason, it starts the
// ordinary way: a fresh interpreter that installs the packages from the site's lock file.

// Imported dynamically, not statically: the worker answers "init" (and asks for engine.json) one
// round trip sooner, while these arrive. The zstd decoder is a small wasm module.
const snapshotModule = import("./engine-snapshot.mjs");
const zstdReady = import("./vendor/zstddec.mjs").then(async ({ ZSTDDecoder }) => {
  const decoder = new ZSTDDecoder();
  await decoder.init();
  return decoder;
});
zstdReady.catch(() => {}); // awaited by the snapshot's start, which falls back on failure
let zstd = null; // the decoder, once the snapshot's start has it

let runJson = null;
let pyodide = null;
let offlineBytes = null;

// ---- Progress by bytes --------------------------------------------------------------------
// engine.json lists, for each way to start, the files fetched with their size and the bytes a
// server with gzip_static sends for them (build_scripts/downloads.py). A body sent gzip-encoded
// reaches JavaScript decoded, so what is counted is the share of each file's own bytes that has
// arrived, scaled to the bytes sent for it; when a response says it was not encoded, the file's
// own size is what travelled, and the total follows. Module scripts (pyodide.mjs,
// pyodide.asm.mjs) are imported, not fetched: they count once imported.

const DOWNLOAD_MESSAGE = "正在下载计算引擎（Python 运行环境与计算程序）";
const START_MESSAGE = "正在启动计算引擎…";
const REPORT_EVERY_MS = 250;

const files = new Map(); // pathname -> {size, wire, got, done}
let expected = null; // pathnames of the current start's files, null while unknown
let unlisted = 0; // bytes of files outside any list, counted only while there is none
let phase = "download";
let reportTimer = null;
let lastReport = 0;

function pathOf(url) {
  return new URL(url, self.location.href).pathname;
}

/** The files of one start, [[address, size, sent], …] relative to indexURL, become the current list. */
function expect(list, indexURL) {
  expected = list.map(([address, size, sent]) => {
    const path = pathOf(new URL(address, indexURL));
    const file = files.get(path);
    if (!file) files.set(path, { size, wire: sent, got: 0, done: false });
    else if (file.unlisted) Object.assign(file, { size, wire: file.wire || sent, unlisted: false });
    return path;
  });
  report(true);
}

function tally() {
  if (!expected) return { loaded: Math.round(unlisted), total: null };
  let loaded = 0;
  let total = 0;
  for (const path of expected) {
    const file = files.get(path);
    total += file.wire;
    loaded += file.done ? file.wire : file.wire * Math.min(1, file.got / Math.max(1, file.size));
  }
  return { loaded: Math.round(loaded), total };
}

function report(now = false) {
  if (phase !== "download") return;
  const elapsed = Date.now() - lastReport;
  if (!now && elapsed < REPORT_EVERY_MS) {
    reportTimer ??= setTimeout(() => report(true), REPORT_EVERY_MS - elapsed);
    return;
  }
  clearTimeout(reportTimer);
  reportTimer = null;
  lastReport = Date.now();
  const { loaded, total } = tally();
  if (expected && expected.every((path) => files.get(path).done)) {
    starting();
    return;
  }
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  let message = `${DOWNLOAD_MESSAGE}…`;
  if (total) message = `${DOWNLOAD_MESSAGE}：${mb(loaded)} / 约 ${mb(total)} MB`;
  else if (loaded) message = `${DOWNLOAD_MESSAGE}：已下载约 ${mb(loaded)} MB`;
  const percent = total ? Math.min(100, Math.floor((loaded / total) * 100)) : null;
  self.postMessage({ type: "progress", phase, loaded, total, percent, message, label: `${DOWNLOAD_MESSAGE}${total ? "：" : "…"}` });
}

/** Every byte is here: the rest is the processor's work. */
function starting() {
  if (phase === "start") return;
  phase = "start";
  clearTimeout(reportTimer);
  const { loaded, total } = tally();
  self.postMessage({ type: "progress", phase, loaded, total, percent: 100, message: START_MESSAGE, label: START_MESSAGE });
}

/** A file that arrived whole without passing through fetch (an imported module). */
function arrived(url) {
  const file = files.get(pathOf(url));
  if (file) file.done = true;
  report();
}

/** Count the body of `response` as it arrives, on a copy, so the response itself stays untouched. */
function count(url, response) {
  const path = pathOf(url);
  let file = files.get(path);
  if (!file) {
    file = { size: 0, wire: 0, got: 0, done: false, unlisted: true };
    files.set(path, file);
  }
  const encoded = Boolean(response.headers.get("Content-Encoding"));
  const length = Number(response.headers.get("Content-Length")) || 0;
  if (!encoded && file.size) file.wire = file.size; // sent as it is: more bytes than a .gz copy
  else if (encoded && length) file.wire = length;
  if (!response.body) return;
  const reader = response.clone().body.getReader();
  (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        file.got += value.byteLength;
        if (file.unlisted) unlisted += encoded && length ? 0 : value.byteLength;
        report();
      }
      if (file.unlisted && encoded && length) unlisted += length;
      file.done = true;
      report();
    } catch {
      // the download failed: the start attempt hears of it from its own reader
    }
  })();
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

// On a first visit the runtime's wasm comes from its zstd copy (engine.json's runtimeWasm): Pyodide
// asks for the plain file, and gets the decoded copy under the wasm type.
const standIns = new Map(); // pathname asked for -> address of its zstd copy

async function unpacked(address) {
  const response = await self.fetch(address);
  if (!response.ok) return response;
  const bytes = zstd.decode(new Uint8Array(await response.arrayBuffer()));
  return new Response(bytes, { headers: { "Content-Type": "application/wasm" } });
}

self.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.startsWith("data:")) return nativeFetch(input, init); // the zstd decoder's own wasm
  if (standIns.has(pathOf(url))) return unpacked(standIns.get(pathOf(url)));
  let response;
  try {
    response = await nativeFetch(input, init);
  } catch (err) {
    attempt?.reject(new Error(`${url}: ${err.message}`));
    throw err;
  }
  if (!response.ok) {
    attempt?.reject(new Error(`${url}: HTTP ${response.status}`));
    return response;
  }
  count(url, response);
  if (/\.wasm(\?|$)/.test(url) && !(response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
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

/** A file's bytes, synchronously (a worker may): for the files an import outside the snapshot needs. */
function fetchBytesSync(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`${url}: HTTP ${request.status}`);
  return new Uint8Array(request.response);
}

/** Whether the offline copy holds the runtime's plain wasm (then its compiled code may be kept too). */
async function hasOfflineCopy(indexURL) {
  try {
    return Boolean(await caches.match(new URL("pyodide.asm.wasm", indexURL).href));
  } catch {
    return false;
  }
}

async function fromSnapshot(loadPyodide, indexURL, metaPromise) {
  const meta = await metaPromise;
  if (!meta) throw new Error(`${new URL("engine.json", indexURL)}: not available`);
  const fetchBytes = async (url) => new Uint8Array(await (await fetchOk(url)).arrayBuffer());
  const { restoreEngine } = await snapshotModule;
  zstd = await zstdReady;
  const decompress = (bytes, size) => zstd.decode(bytes, size);
  const packed = !(await hasOfflineCopy(indexURL));
  const { file, packed: zst } = meta.runtimeWasm;
  if (packed) standIns.set(pathOf(new URL(file, indexURL)), new URL(zst, indexURL).href);
  else if (meta.download?.snapshotWithCopy) expect(meta.download.snapshotWithCopy, indexURL);
  try {
    return await restoreEngine({ loadPyodide, indexURL, meta, fetchBytes, fetchBytesSync, compile, decompress, packed });
  } finally {
    standIns.clear();
  }
}

async function fresh(loadPyodide, indexURL, packages) {
  const { ENV } = await snapshotModule;
  const pyodide = await loadPyodide({ indexURL, env: ENV });
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

/** engine.json, or null when it cannot be had (the ordinary start does without it). */
async function manifest(indexURL) {
  try {
    const response = await nativeFetch(new URL("engine.json", indexURL));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const meta = await response.json();
    const download = meta.download || {};
    offlineBytes = download.offline ?? null;
    if (download.snapshot) expect(download.snapshot, indexURL);
    return meta;
  } catch (err) {
    console.warn("calc engine: no engine.json:", err);
    return null;
  }
}

async function init(indexURL, packages) {
  report(true);
  // engine.json is small: asked for first, it gives the total before the large files arrive.
  // Both module scripts are imported at once (the snapshot's restore imports the same module).
  const metaPromise = manifest(indexURL);
  const runtimeURL = new URL("pyodide.mjs", indexURL).href;
  const asmURL = new URL("pyodide.asm.mjs", indexURL).href;
  import(asmURL).then(() => arrived(asmURL), () => {});
  const { loadPyodide } = await import(runtimeURL);
  arrived(runtimeURL);
  try {
    pyodide = await Promise.race([fromSnapshot(loadPyodide, indexURL, metaPromise), watchDownloads()]);
  } catch (err) {
    console.warn("calc engine: starting without the snapshot:", err);
    const meta = await metaPromise;
    if (meta?.download?.fallback) expect(meta.download.fallback, indexURL);
    phase = "download";
    report(true);
    pyodide = await Promise.race([fresh(loadPyodide, indexURL, packages), watchDownloads()]);
  }
  starting();
  runJson = pyodide.runPython("from calc.bridge import run_json\nrun_json");
}

// ---- Batch runs (the batch page) -----------------------------------------------------------
// The Excel libraries are installed into the running engine from the site's lock on the first
// batch (calculator pages never fetch them; the snapshot holds none). A run (calc.bridge.BatchJob)
// reads the file, then computes its rows, a chunk of rows at a time, yielding to the event loop in
// between so that a cancel arrives and progress is posted (at most every 250 ms). A chunk is sized
// to take about STEP_MS.

const STEP_MS = 100;
let batchReady = null; // the promise of calc.bridge.batch_job, once the libraries are installed
let batchRun = null; // {id, cancelled} of the run in progress

function batchLibraries(packages) {
  batchReady ??= (async () => {
    const failures = [];
    await pyodide.loadPackage(packages, { messageCallback: () => {}, errorCallback: (text) => failures.push(text) });
    if (failures.length || !packages.every((name) => name in pyodide.loadedPackages)) {
      throw new Error(`程序包加载失败：${failures.join("；") || packages.join("、")}`);
    }
    return pyodide.runPython("from calc.bridge import batch_job\nbatch_job");
  })();
  batchReady.catch(() => (batchReady = null)); // a later run tries again
  return batchReady;
}

/** Bytes held by Python (a bytes PyProxy) as a fresh ArrayBuffer; the proxy is released. */
function bytesOf(proxy) {
  const copy = proxy.toJs();
  proxy.destroy();
  return copy.buffer;
}

async function runBatch(msg) {
  const run = { id: msg.id, cancelled: false };
  batchRun = run;
  const post = (reply, transfer = []) => self.postMessage({ id: run.id, ...reply }, transfer);
  const stopped = () => run.cancelled && (post({ type: "batch-cancelled" }), true);
  let job = null;
  try {
    post({ type: "batch-progress", phase: "load", done: 0, total: null });
    const batchJob = await batchLibraries(msg.packages);
    if (stopped()) return;
    post({ type: "batch-progress", phase: "read", done: 0, total: null });
    job = batchJob(msg.estimator, new Uint8Array(msg.bytes), msg.name);
    msg.bytes = null;
    let chunk = 50;
    let reported = 0;
    for (;;) {
      const started = performance.now();
      const done = job.step(chunk);
      const took = performance.now() - started;
      chunk = Math.max(10, Math.min(5000, Math.round((chunk * STEP_MS) / Math.max(1, took))));
      if (done) break;
      if (performance.now() - reported >= REPORT_EVERY_MS) {
        reported = performance.now();
        const total = job.total ?? null; // None (undefined here) while the file is read
        const reading = total === null;
        post({ type: "batch-progress", phase: reading ? "read" : "rows", done: reading ? job.rows_read : job.rows_done, total });
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (stopped()) return;
    }
    if (job.error) {
      post({ type: "batch-error", message: job.error });
      return;
    }
    const xlsx = bytesOf(job.xlsx);
    const csv = bytesOf(job.csv_bytes());
    const summary = JSON.parse(job.summary_json());
    const memory = pyodide._module.HEAP8.byteLength; // the engine's memory, which only grows: its peak so far
    post({ type: "batch-done", xlsx, csv, summary, memory }, [xlsx, csv]);
  } catch (err) {
    console.warn("calc engine: batch failed:", err);
    post({ type: "batch-error", message: `文件无法处理：${batchProblem(err)}` });
  } finally {
    if (job) job.destroy();
    if (batchRun === run) batchRun = null;
  }
}

/** What went wrong in a batch, in Chinese (a bug or a resource limit, not the file's fault as far as calc knows). */
function batchProblem(err) {
  const text = messageOf(err);
  if (/MemoryError|out of memory|Cannot allocate/i.test(text)) return "内存不足，请把文件拆成几个较小的文件后再试";
  if (/程序包加载失败|HTTP \d|Failed to fetch|NetworkError/.test(text)) return "无法下载读写 Excel 文件所需的程序，请检查网络后重试";
  const last = text.trim().split("\n").pop();
  return `内部错误（${last.slice(0, 120)}）`;
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    try {
      await init(msg.indexURL, msg.packages);
      self.postMessage({ type: "ready", offlineBytes });
    } catch (err) {
      self.postMessage({ type: "error", message: describe(err), detail: messageOf(err).slice(0, 300) });
    }
  } else if (msg.type === "batch") {
    await runBatch(msg);
  } else if (msg.type === "batch-cancel") {
    if (batchRun && batchRun.id === msg.id) batchRun.cancelled = true;
  } else if (msg.type === "run") {
    try {
      const out = JSON.parse(runJson(msg.estimator, JSON.stringify(msg.inputs)));
      self.postMessage({ type: "result", id: msg.id, response: out.response, links: out.links });
    } catch (err) {
      self.postMessage({ type: "result", id: msg.id, failure: messageOf(err) });
    }
  }
};
