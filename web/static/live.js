// Keeps the alert banner current. The server says over one live stream
// (/events) which version of the alerts is current; a page whose banner shows
// another version fetches its banner anew, rendered and escaped on the server
// for its user and language. The stream also names conversations whose
// viewers changed; the page passes that on as a "resonanz:presence" event
// (see presence.js).
//
// Browsers allow six HTTP/1.1 connections per host, so the pages of a browser
// share one stream: a SharedWorker holds it while any page is shown. Where
// SharedWorker is missing, each page opens its own. Either way a page lets go
// of the stream when it is hidden (pagehide, also into the back/forward
// cache) and takes it up again when it is shown.
(function () {
  "use strict";
  if (!document.getElementById("alerts")) return;

  function refresh(version) {
    const current = document.getElementById("alerts");
    if (!current || current.dataset.version === version) return;
    const back = encodeURIComponent(location.pathname + location.search);
    fetch("/alerts/banner?back=" + back, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        const next = html && new DOMParser().parseFromString(html, "text/html").getElementById("alerts");
        const shown = document.getElementById("alerts");
        if (!next || !shown) return;
        shown.replaceWith(next);
        if (window.htmx) window.htmx.process(next);
      })
      .catch(function () {});
  }

  function presence(id) {
    window.dispatchEvent(new CustomEvent("resonanz:presence", { detail: String(id) }));
  }

  function connect() {
    if (window.SharedWorker) {
      const port = new SharedWorker("/static/live-worker.js", { name: "resonanz-live" }).port;
      port.onmessage = function (e) {
        if (e.data && e.data.alerts !== undefined) refresh(String(e.data.alerts));
        if (e.data && e.data.presence !== undefined) presence(e.data.presence);
      };
      port.postMessage("hello");
      return function () { port.postMessage("bye"); port.close(); };
    }
    if (window.EventSource) {
      const source = new EventSource("/events");
      source.addEventListener("alerts", function (e) { refresh(e.data); });
      source.addEventListener("presence", function (e) { presence(e.data); });
      return function () { source.close(); };
    }
    return function () {};
  }

  let disconnect = connect();
  window.addEventListener("pagehide", function () {
    disconnect();
    disconnect = function () {};
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) disconnect = connect();
  });
})();
