// The site's service worker (build_scripts/service_worker.py writes VERSION and FILES above).
// Registered by a calculator page once its engine is ready, so readers of the policies alone
// never download the runtime. It keeps a copy of the whole site, so that a repeat visit loads
// the engine from this cache and the site works with no network at all.
//   - Files whose address names their content (hashed names, the versioned runtime, `?v=`) are
//     served from the cache first: they cannot be stale.
//   - Everything else (pages, engine.json, scripts without a hash) comes from the network first,
//     so a rebuilt site is seen at once, and from the cache when the network fails. Pages are
//     asked for without their query: a calculator's address carries the figures typed into it
//     (so that it can be shared), and the server need not see them.
// A new build changes VERSION, hence this file: the browser installs the new worker, which copies
// the site again (unchanged files come from the HTTP cache) and deletes the old copy.

const CACHE = `calc-site-${VERSION}`;
const SCOPE = new URL("./", self.location.href);
const PRECACHE = FILES.map((path) => new URL(path, SCOPE).href);
const KNOWN = new Set(PRECACHE);
const IMMUTABLE = /\/engine\/|\/pyodide\.(asm\.)?m?js$|\/pyodide\.asm\.wasm$|[?&]v=|\.[0-9a-f]{8}\.min\.(js|css)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One by one, so that a single failure leaves the rest cached (and is retried on use).
      await Promise.allSettled(PRECACHE.map((url) => cache.add(new Request(url, { cache: "no-cache" }))));
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
