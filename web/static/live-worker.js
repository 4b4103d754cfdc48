// The one live stream of a browser (see live.js): pages connect to this
// shared worker and say "hello" when shown and "bye" when hidden. While any
// page is shown, the worker holds an EventSource to /events and passes on
// to every shown page each version of the alerts ({alerts: version}) and
// each conversation whose viewers changed ({presence: id}).
"use strict";

const shown = new Set();
let source = null;
let version = null; // the latest version the server sent, while the stream is open

function tell(news) {
  shown.forEach(function (port) { port.postMessage(news); });
}

function open() {
  if (source) return;
  source = new EventSource("/events");
  source.addEventListener("alerts", function (e) {
    version = e.data;
    tell({ alerts: version });
  });
  source.addEventListener("presence", function (e) { tell({ presence: e.data }); });
  source.addEventListener("error", function () {
    // A dropped stream is retried by the browser; a refused one (logged out)
    // stays closed until a page says hello again.
    if (source && source.readyState === EventSource.CLOSED) close();
  });
}

function close() {
  if (source) source.close();
  source = null;
  version = null;
}

self.addEventListener("connect", function (e) {
  const port = e.ports[0];
  port.onmessage = function (m) {
    if (m.data === "hello") {
      shown.add(port);
      if (version !== null) port.postMessage({ alerts: version });
      open();
    } else if (m.data === "bye") {
      shown.delete(port);
      if (shown.size === 0) close();
    }
  };
});
