// baocao's service worker: keeps the app shell so that the app opens with the network off.
// Data is not cached here: the app keeps it in browser storage and syncs it itself.
const VERSION = "__VERSION__";
const CACHE = `baocao-shell-${VERSION}`;
// The offline page, its script and the ward's build with its split-off parts (the server
// writes in the list).
const SHELL = __SHELL__;
// A navigation waits this long for the server before the kept shell opens instead.
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

// A new deployment replaces the old shell; drafts live in browser storage, untouched.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    // Online: the server's page. Offline: the shell, which renders the route in the browser.
    event.respondWith(
      withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS)
        .catch(() => caches.match("/offline.html")),
    );
    return;
  }
  if (url.pathname.startsWith("/pkg/") || url.pathname === "/offline.js") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((c) => c.put(url.pathname, copy));
          }
          return response;
        })
        .catch(() => caches.match(url.pathname)),
    );
  }
});

// A notice pushed by the server (Web Push): shown as a notification. Its tag is the
// notice's id, so a message the server sent twice (a retry) is shown once.
self.addEventListener("push", (event) => {
  let message;
  try {
    message = event.data.json();
  } catch (_) {
    return;
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      data: { url: message.url },
      icon: "/icons/icon-192.png",
      lang: "vi",
    }),
  );
});

// The notification opens its report: in a window of the app already open, else a new one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (target.origin !== self.location.origin) {
    return;
  }
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    if (open) {
      await open.focus().catch(() => {});
      const moved = await open.navigate(target.href).catch(() => null);
      if (moved) {
        return;
      }
    }
    await self.clients.openWindow(target.href);
  })());
});
