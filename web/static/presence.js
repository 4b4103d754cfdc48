// The collision warning of a conversation page: the page tells the server
// every 10 s that the agent views the conversation, and while they type that
// they write in it; it says goodbye when hidden. The server's answer, and
// the live stream's news that the viewers changed (live.js), show who else
// is on the conversation: "Lea is viewing", "Lea is writing a reply…".
(function () {
  "use strict";
  const line = document.getElementById("presence");
  if (!line || !line.dataset.url) return;
  const url = line.dataset.url;
  const id = url.split("/")[2];
  const box = document.getElementById("reply-text");
  let writing = false;
  let lastWriting = 0;
  let idle = null;
  let beat = null;

  function show(html) {
    if (html === null) return;
    const doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    line.replaceChildren.apply(line, Array.from(doc.body.childNodes));
  }

  function answer(r) { return r.ok ? r.text() : null; }

  function say(state) {
    const body = new URLSearchParams({ csrf: line.dataset.csrf, state: state });
    fetch(url, { method: "POST", body: body, credentials: "same-origin", cache: "no-store" })
      .then(answer).then(show).catch(function () {});
  }

  function look() {
    fetch(url, { credentials: "same-origin", cache: "no-store" }).then(answer).then(show).catch(function () {});
  }

  function start() {
    say(writing ? "writing" : "viewing");
    beat = setInterval(function () { say(writing ? "writing" : "viewing"); }, 10000);
  }

  function stop() {
    clearInterval(beat);
    navigator.sendBeacon(url, new URLSearchParams({ csrf: line.dataset.csrf, state: "gone" }));
  }

  if (box) {
    box.addEventListener("input", function () {
      const now = Date.now();
      if (!writing || now - lastWriting > 3000) {
        writing = true;
        lastWriting = now;
        say("writing");
      }
      clearTimeout(idle);
      idle = setTimeout(function () { writing = false; say("viewing"); }, 5000);
    });
  }
  window.addEventListener("resonanz:presence", function (e) { if (e.detail === id) look(); });
  window.addEventListener("pagehide", stop);
  window.addEventListener("pageshow", function (e) { if (e.persisted) start(); });
  start();
})();
