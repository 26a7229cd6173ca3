// Benchmark-only module worker for bare.html: load Pyodide from the site's runtime folder,
// run 1+1 and report back. Nothing else, so it is the floor our calculator is compared with.
self.onmessage = async (event) => {
  try {
    const { indexURL } = event.data;
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const py = await loadPyodide({ indexURL });
    const value = py.runPython("1+1");
    self.postMessage({ ok: true, value });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err && err.message ? err.message : err) });
  }
};
