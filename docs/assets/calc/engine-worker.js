// The calculation engine: Pyodide and the `calc` package, in a module Web Worker so the page
// never freezes. Messages in: {type: "init", indexURL, packages} then {type: "run", id,
// estimator, inputs}. Messages out: {type: "progress", percent, message}, {type: "ready"},
// {type: "error", message}, {type: "result", id, response, links}.

let runJson = null;

function progress(percent, message) {
  self.postMessage({ type: "progress", percent, message });
}

async function init(indexURL, packages) {
  progress(10, "正在加载计算引擎…（Python 运行环境）");
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  // pydantic looks for plugins in every installed distribution's metadata: none are used.
  const pyodide = await loadPyodide({ indexURL, env: { PYDANTIC_DISABLE_PLUGINS: "__all__" } });
  progress(60, "正在加载计算引擎…（计算程序包）");
  const failures = [];
  await pyodide.loadPackage(packages, {
    messageCallback: () => {},
    errorCallback: (text) => failures.push(text),
  });
  if (failures.length || !packages.every((name) => name in pyodide.loadedPackages)) {
    throw new Error(`程序包加载失败：${failures.join("；") || packages.join("、")}`);
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
