// The reply box counts down the characters the channel allows, signature
// included, and where the channel threads (Mastodon) offers to send a
// longer answer as numbered replies. The server checks again and splits the
// same way (resonanz.SplitReply); without this script it refuses a reply
// that does not fit, keeping the text, and offers the split then.
(function () {
  "use strict";
  const box = document.getElementById("reply-text");
  const counter = document.getElementById("reply-count");
  if (!box || !counter) return;
  const max = Number(counter.dataset.max);
  const split = document.getElementById("reply-split");
  const signed = document.getElementById("reply-signature");
  const signature = document.getElementById("signature-text");

  function length(s) { return Array.from(s).length; }

  // reply is the text that would go out, as the server makes it.
  function reply() {
    let text = box.value.trim();
    if (text && signed && signed.checked && signature) text = text.replace(/[ \n]+$/, "") + "\n\n" + signature.textContent;
    return text;
  }

  // parts counts the numbered replies of a text, as resonanz.SplitReply cuts them.
  function parts(text) {
    for (let digits = 1, limit = 10; ; digits++, limit *= 10) {
      const room = max - 4 - 2 * digits;
      if (room < 2) return 1;
      let rest = Array.from(text);
      let n = 0;
      while (rest.length > room) {
        let cut = room;
        for (let i = room; i > Math.floor(room / 2); i--) {
          if (/\s/.test(rest[i])) { cut = i; break; }
        }
        if (rest.slice(0, cut).join("").trim() !== "") n++;
        rest = Array.from(rest.slice(cut).join("").replace(/^\s+/, ""));
      }
      if (rest.join("").trim() !== "") n++;
      if (n < limit) return n;
    }
  }

  function update() {
    const text = reply();
    const left = max - length(text);
    counter.textContent = (left >= 0 ? counter.dataset.left : counter.dataset.over).replace("%d", Math.abs(left));
    counter.classList.toggle("over", left < 0);
    if (split) {
      const n = left < 0 ? parts(text) : 1;
      split.hidden = n < 2;
      split.textContent = split.dataset.label.replace("%d", n);
    }
  }

  box.addEventListener("input", update);
  if (signed) signed.addEventListener("change", update);
  update();
})();
