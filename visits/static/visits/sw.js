// The tally page's service worker: keeps the page and its files so it opens without a connection.
// Served as /sw.js by visits/pwa.py, which puts `CONFIG` in front of this file (version, URLs).
// It never touches the sync API or any write: taps live in the page's IndexedDB outbox.
/* global CONFIG */
"use strict";

const CACHE = `varmestue-tally-${CONFIG.version}`;
const CACHE_PREFIX = "varmestue-tally-";
// The tally page from the last time it loaded online (one copy: the last site and date used).
const LAST_PAGE = CONFIG.page;
// On a bus a connection can hang instead of failing; after this the saved page is shown.
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One missing file must not stop the rest from being kept.
      await Promise.all(
        [...CONFIG.shell, ...CONFIG.catalogs].map((url) =>
          cache.add(url).catch(() => undefined),
        ),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
      const current = await caches.open(CACHE);
      // Carry the saved page over so an update made offline-ready pages stay offline-ready.
      for (const name of old) {
        const saved = await (await caches.open(name)).match(LAST_PAGE);
        if (saved && !(await current.match(LAST_PAGE))) {
          await current.put(LAST_PAGE, saved);
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function isTallyPage(url) {
  return url.origin === self.location.origin && url.pathname === CONFIG.page;
}

async function savePage(response) {
  const url = new URL(response.url);
  if (response.ok && !response.redirected && isTallyPage(url)) {
    const cache = await caches.open(CACHE);
    await cache.put(LAST_PAGE, response);
    return true;
  }
  return false;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function savedPage() {
  const cache = await caches.open(CACHE);
  return cache.match(LAST_PAGE, { ignoreVary: true });
}

// Network first: the page from the server when it answers, the saved copy when it does not.
async function tallyPage(event) {
  const network = fetch(event.request);
  // Keep what the network sends even when it comes after the timeout.
  event.waitUntil(
    network.then((response) => savePage(response.clone())).catch(() => undefined),
  );
  try {
    const response = await withTimeout(network, PAGE_TIMEOUT_MS);
    if (response.status >= 500) {
      return (await savedPage()) || response;
    }
    return response;
  } catch {
    return (await savedPage()) || Response.error();
  }
}

// Cache first: static URLs are hashed in production, so a kept copy is never stale; in
// development a changed file changes CONFIG.version, which replaces the whole cache.
async function staticFile(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) {
    return kept;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request, response.clone());
  }
  return response;
}

// The script catalogues: the kept copy at once (a hanging connection must not hold up the
// page), refreshed from the network for next time.
function keptThenRefreshed(event) {
  const network = fetch(event.request);
  const saved = network.then((response) => {
    if (!response.ok) {
      return undefined;
    }
    const copy = response.clone(); // before the page reads the body
    return caches.open(CACHE).then((cache) => cache.put(event.request, copy));
  });
  event.waitUntil(saved.catch(() => undefined));
  return caches
    .match(event.request, { ignoreVary: true, cacheName: CACHE })
    .then((kept) => kept || network)
    .catch(() => Response.error());
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && isTallyPage(url)) {
    event.respondWith(tallyPage(event));
  } else if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(staticFile(request));
  } else if (CONFIG.catalogs.includes(url.pathname)) {
    event.respondWith(keptThenRefreshed(event));
  }
  // Everything else (the sync API, other pages) goes to the network untouched.
});

// The page asks, after its first visit (before this worker controlled it), to keep the page
// itself and every static file it loaded. It gets an answer on the port it sends.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep") {
    return;
  }
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const files = (data.urls || []).filter((href) => {
        const url = new URL(href, self.location.origin);
        return url.origin === self.location.origin && url.pathname.startsWith(CONFIG.staticUrl);
      });
      await Promise.all(
        files.map(async (href) => {
          if (!(await cache.match(href, { ignoreVary: true }))) {
            await cache.add(href).catch(() => undefined);
          }
        }),
      );
      let pageKept = Boolean(await savedPage());
      if (data.page && isTallyPage(new URL(data.page, self.location.origin))) {
        try {
          pageKept = (await savePage(await fetch(data.page, { credentials: "same-origin" })))
            || pageKept;
        } catch {
          // Offline now: the copy from before (if any) stays.
        }
      }
      if (port) {
        port.postMessage({ type: "kept", page: pageKept, version: CONFIG.version });
      }
    })(),
  );
});
