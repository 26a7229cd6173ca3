// The site's service worker (build_scripts/service_worker.py writes VERSION, FILES and SIZES
// above). Registered by a calculator page when its reader agrees to keep an offline copy (see
// engine.js), so readers of the policies alone never download the runtime. It keeps a copy of the whole site, so that a repeat visit loads
// the engine from this cache and the site works with no network at all.
//   - Files whose address names their content (hashed names, the versioned runtime, `?v=`) are
//     served from the cache first: they cannot be stale.
//   - Everything else (pages, engine.json, scripts without a hash) comes from the network first,
//     so a rebuilt site is seen at once, and from the cache when the network fails. Pages are
//     asked for without their query: a calculator's address carries the figures typed into it
//     (so that it can be shared), and the server need not see them.
// A new build changes VERSION, hence this file: the browser installs the new worker, which copies
// the site again (unchanged files come from the HTTP cache) and deletes the old copy.
// While it copies, it tells the open pages how far it got ({type: "offline-progress", loaded,
// total}, bytes sent as in SIZES: a gzip-encoded body is read decoded and scaled) and, once it
// is in charge, that the copy is kept ({type: "offline-saved", complete}).

const CACHE = `calc-site-${VERSION}`;
const SCOPE = new URL("./", self.location.href);
const PRECACHE = FILES.map((path) => new URL(path, SCOPE).href);
const KNOWN = new Set(PRECACHE);
const IMMUTABLE = /\/engine\/|\/pyodide\.(asm\.)?m?js$|\/pyodide\.asm\.wasm$|[?&]v=|\.[0-9a-f]{8}\.min\.(js|css)$/;

const TOTAL = SIZES.reduce((sum, [, sent]) => sum + sent, 0);
const REPORT_EVERY_MS = 250;
let failures = 0;

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

/** Fetch and keep one file, adding to `got[i]` (bytes sent, as far as known) as its body arrives. */
async function keep(cache, i, got, progress) {
  const [size, sent] = SIZES[i];
  const response = await fetch(new Request(PRECACHE[i], { cache: "no-cache" }));
  if (!response.ok) throw new Error(`${PRECACHE[i]}: HTTP ${response.status}`);
  const reader = response.clone().body?.getReader();
  const counting = (async () => {
    for (let read = 0; reader; ) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      got[i] = sent * Math.min(1, read / Math.max(1, size));
      progress();
    }
  })();
  await cache.put(PRECACHE[i], response);
  await counting.catch(() => {});
  got[i] = sent;
  progress();
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const got = new Float64Array(PRECACHE.length);
      let last = 0;
      const progress = () => {
        if (Date.now() - last < REPORT_EVERY_MS) return;
        last = Date.now();
        tell({ type: "offline-progress", loaded: Math.round(got.reduce((a, b) => a + b, 0)), total: TOTAL });
      };
      // Each on its own, so that a single failure leaves the rest cached (and is retried on use).
      const results = await Promise.allSettled(PRECACHE.map((_, i) => keep(cache, i, got, progress)));
      failures = results.filter((result) => result.status === "rejected").length;
      await tell({ type: "offline-progress", loaded: TOTAL, total: TOTAL });
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("calc-site-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
      await tell({ type: "offline-saved", complete: failures === 0 });
    })(),
  );
});

/** The cache key of a request: the address without its query, except versioned files. */
function key(request) {
  const url = new URL(request.url);
  if (!/[?&]v=/.test(url.search)) url.search = "";
  url.hash = "";
  return url.href;
}

async function cacheFirst(request, cacheKey) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(cacheKey);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && KNOWN.has(cacheKey)) await cache.put(cacheKey, response.clone());
  return response;
}

/** From the network; a page is asked for without its query (the figures a firm typed stay here). */
async function fromNetwork(request, cacheKey) {
  if (request.mode !== "navigate") return fetch(request);
  const response = await fetch(cacheKey);
  return response.redirected ? fetch(request) : response;
}

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fromNetwork(request, cacheKey);
    if (response.ok && KNOWN.has(cacheKey)) await cache.put(cacheKey, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(cacheKey);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE.href)) return;
  const cacheKey = key(request);
  if (!KNOWN.has(cacheKey)) return; // not part of the site: the browser handles it
  event.respondWith(IMMUTABLE.test(cacheKey) ? cacheFirst(request, cacheKey) : networkFirst(request, cacheKey));
});
