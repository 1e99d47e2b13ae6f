// The offline pages' service worker: keeps the pages and their files so they open without a
// connection. Served as /sw.js for the tally page by visits/pwa.py, and as
// /feedback/kiosk/sw.js for the feedback kiosk by feedback/views/kiosk.py, each putting its
// `CONFIG` in front of this file (cache name, version, pages, URLs). It never touches a sync
// API or any write: taps and answers live in the page's IndexedDB outbox.
/* global CONFIG */
"use strict";

const CACHE_PREFIX = `${CONFIG.name}-`;
const CACHE = `${CACHE_PREFIX}${CONFIG.version}`;
// Each page (a path) from the last time it loaded online: the tally page keeps one copy, the
// last site and date used, whatever the query.
const PAGES = CONFIG.pages;
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
      // Carry the saved pages over so an update made offline-ready pages stay offline-ready.
      for (const name of old) {
        const previous = await caches.open(name);
        for (const page of PAGES) {
          const saved = await previous.match(page);
          if (saved && !(await current.match(page))) {
            await current.put(page, saved);
          }
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function isPage(url) {
  return url.origin === self.location.origin && PAGES.includes(url.pathname);
}

async function savePage(response) {
  const url = new URL(response.url);
  if (response.ok && !response.redirected && isPage(url)) {
    const cache = await caches.open(CACHE);
    await cache.put(url.pathname, response);
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

async function savedPage(path) {
  const cache = await caches.open(CACHE);
  return cache.match(path, { ignoreVary: true });
}

// Network first: the page from the server when it answers, the saved copy when it does not.
async function page(event) {
  const path = new URL(event.request.url).pathname;
  const network = fetch(event.request);
  // Keep what the network sends even when it comes after the timeout.
  event.waitUntil(
    network.then((response) => savePage(response.clone())).catch(() => undefined),
  );
  try {
    const response = await withTimeout(network, PAGE_TIMEOUT_MS);
    if (response.status >= 500) {
      return (await savedPage(path)) || response;
    }
    return response;
  } catch {
    return (await savedPage(path)) || Response.error();
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
  if (request.mode === "navigate" && isPage(url)) {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(staticFile(request));
  } else if (CONFIG.catalogs.includes(url.pathname)) {
    event.respondWith(keptThenRefreshed(event));
  }
  // Everything else (the sync API, other pages) goes to the network untouched.
});

// A page asks, after its first visit (before this worker controlled it), to keep the page
// itself (and any other of CONFIG.pages it names) and every static file it loaded. It gets an
// answer on the port it sends: whether the page is kept.
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
      const asked = [data.page, ...(data.pages || [])].filter(
        (href) => href && isPage(new URL(href, self.location.origin)),
      );
      await Promise.all(
        asked.map(async (href) => {
          try {
            await savePage(await fetch(href, { credentials: "same-origin" }));
          } catch {
            // Offline now: the copy from before (if any) stays.
          }
        }),
      );
      // Which page the answer is about: the one named, else the one asked to keep, else the first.
      const path =
        data.path || (data.page ? new URL(data.page, self.location.origin).pathname : PAGES[0]);
      const pageKept = Boolean(await savedPage(path));
      if (port) {
        port.postMessage({ type: "kept", page: pageKept, version: CONFIG.version });
      }
    })(),
  );
});
