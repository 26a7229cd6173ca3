// Starts the calculation engine as early as the page allows. Inlined in the <head> of each
// calculator page (overrides/main.html), before the stylesheets, it runs during the first parse
// (not on instant navigation, where app.js starts the engine), so the runtime downloads and
// compiles while the theme and search load.
// app.js adopts the worker and replays the messages it has sent so far.
(function () {
  var script = document.currentScript;
  if (!script || document.readyState !== "loading" || window.__calcBoot) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  var root = new URL(script.dataset.root, location.href);
  var boot = { worker: null, messages: [] };
  try {
    boot.worker = new Worker(new URL("assets/calc/engine-worker.js", root), { type: "module" });
  } catch (err) {
    return; // app.js reports the failure when it starts the engine itself
  }
  boot.worker.onmessage = function (event) { boot.messages.push(event.data); };
  boot.worker.onerror = function (event) {
    boot.messages.push({ type: "error", message: event.message || "无法加载脚本" });
  };
  boot.worker.postMessage({
    type: "init",
    indexURL: new URL(script.dataset.runtime, root).href,
    packages: script.dataset.packages.split(","),
  });
  window.__calcBoot = boot;
})();
