"""The JavaScript the benchmark injects into pages (Playwright ``evaluate`` and init scripts)."""

# Added to every page of our site before its scripts run. Records (performance.now(), navigation
# start = 0) when form.calc-form and its inputs are in the DOM and when the first result appears,
# or why it never will. window.__benchRearm() forgets the result shown, before a click to another
# calculator, and stores the click time (epoch ms) in sessionStorage, which survives a full page
# load in this tab. The bare page records its own result.
PAGE_PROBE_JS = """
(() => {
  if (location.pathname.startsWith("/__bench__/")) return;
  const bench = (window.__bench = {
    origin: performance.timeOrigin, form: null, result: null, field: null, value: null, error: null,
  });
  let stale = new Set();
  const check = () => {
    const fresh = [...document.querySelectorAll(".calc-output [data-field][data-value]")].filter((n) => !stale.has(n));
    if (fresh.length) {
      const node = fresh.find((n) => n.dataset.field === "subsidy") || fresh[0];
      Object.assign(bench, { result: performance.now(), field: node.dataset.field, value: node.dataset.value });
      return;
    }
    const root = document.querySelector(".calculator[data-engine]");
    if (root && root.dataset.engine === "error") {
      const message = root.querySelector(".engine-message");
      bench.error = `data-engine="error": ${message ? message.textContent : "(no message)"}`;
    }
    const failure = document.querySelector(".calc-output .admonition.failure");
    if (failure && !stale.has(failure)) {
      const text = Array.from(failure.children, (node) => node.textContent.trim()).join(" — ");
      bench.error = `the calculator showed a failure: ${text}`;
    }
  };
  const observer = new MutationObserver(() => {
    if (bench.form === null && document.querySelector("form.calc-form input")) bench.form = performance.now();
    if (bench.result === null && bench.error === null) check();
    if (bench.form !== null && (bench.result !== null || bench.error !== null)) observer.disconnect();
  });
  const watch = () => observer.observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-value", "data-engine"],
  });
  watch();
  window.__benchRearm = () => {
    stale = new Set(document.querySelectorAll(".calc-output [data-field][data-value], .calc-output .admonition"));
    Object.assign(bench, { result: null, field: null, value: null, error: null });
    sessionStorage.removeItem("__benchClick");
    const note = () => sessionStorage.setItem("__benchClick", String(performance.timeOrigin + performance.now()));
    document.addEventListener("click", note, { capture: true, once: true });
    watch();
    return performance.timeOrigin;
  };
})();
"""

# Read once the first result is shown.
PAGE_TIMES_JS = """
() => {
  const paint = performance.getEntriesByType("paint").find((entry) => entry.name === "first-contentful-paint");
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    fcp: paint ? paint.startTime : null,
    dcl: navigation ? navigation.domContentLoadedEventStart : null,
    form: (window.__bench && window.__bench.form) ?? null,
    controlled: "serviceWorker" in navigator && navigator.serviceWorker.controller !== null,
  };
}
"""

# How far the service worker got (as tests/browser/test_offline.py, without waiting for it).
PRECACHE_JS = """
async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const names = (await caches.keys()).filter((name) => name.startsWith("calc-site-"));
  const cached = names.length === 1 ? (await (await caches.open(names[0])).keys()).length : -1;
  return { active: Boolean(registration && registration.active), caches: names.length, cached };
}
"""

# The offline copy's notice in the engine's status line (docs/assets/calc/app.js): its state.
OFFLINE_STATE_JS = """
() => { const box = document.querySelector(".engine-offline"); return box ? box.dataset.state || "" : ""; }
"""

# A copy of an existing link with example inputs added, fixed in the top left corner so it can
# be clicked like any link (instant navigation intercepts same-origin link clicks).
INJECT_LINK_JS = """
([selector, query]) => {
  const source = document.querySelector(selector);
  if (!source) return null;
  const link = document.createElement("a");
  link.id = "bench-next";
  link.href = `${source.getAttribute("href")}?${query}`;
  link.textContent = "benchmark: next calculator";
  link.style.cssText = "position: fixed; top: 0; left: 0; z-index: 10000; padding: 4px; background: #fff;";
  document.body.append(link);
  const box = link.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const visible = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && document.elementFromPoint(x, y) === link;
  return { href: link.href, visible };
}
"""

RESULT_DONE_JS = "() => window.__bench && (window.__bench.result !== null || window.__bench.error !== null)"

# Installed once a result is shown: a capture-phase submit listener starts the clock, a
# MutationObserver on the output stops it when the subsidy's data-value changes.
RECOMPUTE_PROBE_JS = """
() => {
  const form = document.querySelector("form.calc-form");
  const output = document.querySelector(".calc-output");
  const current = () => {
    const node = output.querySelector('[data-field="subsidy"][data-value]');
    return node ? node.dataset.value : null;
  };
  const probe = {
    armed: false, start: null, end: null, before: null, value: null, early: false, failure: null, changes: 0,
    reset() {
      Object.assign(this, { armed: true, start: null, end: null, value: null, early: false, failure: null });
      this.before = current();
    },
  };
  form.addEventListener("submit", () => { if (probe.armed && probe.start === null) probe.start = performance.now(); },
    { capture: true });
  form.addEventListener("change", () => { probe.changes += 1; });
  new MutationObserver(() => {
    if (!probe.armed || probe.end !== null) return;
    const failure = output.querySelector(".admonition.failure");
    const value = current();
    if (!failure && value === probe.before) return;
    if (probe.start === null) {
      probe.early = true;  // the debounced run beat the submit: this sample is void
      return;
    }
    probe.end = performance.now();
    probe.value = value;
    probe.failure = failure ? Array.from(failure.children, (node) => node.textContent.trim()).join(" — ") : null;
    probe.armed = false;
  }).observe(output, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-value"] });
  window.__benchRecompute = probe;
}
"""
