// Keeps the storm-alert banner current: the server sends the banner's HTML,
// rendered and escaped on the server, whenever an alert changes.
(function () {
  const banner = document.getElementById("alerts");
  if (!banner || !window.EventSource) return;
  const source = new EventSource("/events");
  source.addEventListener("alerts", function (e) {
    const current = document.getElementById("alerts");
    const next = new DOMParser().parseFromString(e.data, "text/html").getElementById("alerts");
    if (current && next) current.replaceWith(next);
  });
})();
