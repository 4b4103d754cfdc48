// Canned replies in the reply box: typing "/" and a word opens a list of the
// canned replies whose title or text holds the word; choosing one (click,
// Enter or Tab) puts its text, filled by the server for this customer and
// agent, in place of "/word". The list comes from the reply box's select of
// canned replies, which without JavaScript inserts through the server.
(function () {
  "use strict";
  const box = document.getElementById("reply-text");
  const select = document.getElementById("canned-select");
  if (!box || !select) return;
  const choices = Array.from(select.options).filter(function (o) { return o.value; }).map(function (o) {
    return { title: o.textContent, text: o.dataset.text, key: plain(o.textContent + " " + o.dataset.text) };
  });
  const list = document.createElement("ul");
  list.id = "canned-list";
  list.className = "canned-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  box.insertAdjacentElement("afterend", list);
  box.setAttribute("aria-controls", list.id);
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-expanded", "false");
  let start = -1; // where "/word" begins in the box
  let shown = [];
  let active = 0;

  function plain(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }

  // query returns the word after a "/" that starts a word before the caret, or null.
  function query() {
    const before = box.value.slice(0, box.selectionStart);
    const m = /(^|\s)\/([^\s/]*)$/.exec(before);
    if (!m) return null;
    start = before.length - m[2].length - 1;
    return m[2];
  }

  function close() {
    list.hidden = true;
    shown = [];
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  function open(q) {
    const want = plain(q);
    shown = choices.filter(function (c) { return c.key.includes(want); });
    active = 0;
    list.replaceChildren();
    if (shown.length === 0) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = box.dataset.nomatch || "";
      list.append(li);
    }
    shown.forEach(function (c, i) {
      const li = document.createElement("li");
      li.id = "canned-option-" + i;
      li.setAttribute("role", "option");
      const title = document.createElement("strong");
      title.textContent = c.title;
      const text = document.createElement("span");
      text.textContent = c.text;
      li.append(title, text);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(c); });
      list.append(li);
    });
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
    mark();
  }

  function mark() {
    Array.from(list.querySelectorAll("li[role=option]")).forEach(function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      if (i === active) {
        box.setAttribute("aria-activedescendant", li.id);
        li.scrollIntoView({ block: "nearest" });
      }
    });
  }

  // insert puts text in place of the box's characters from..to and puts the caret after it.
  function insert(text, from, to) {
    box.value = box.value.slice(0, from) + text + box.value.slice(to);
    const caret = from + text.length;
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function choose(c) {
    const from = start;
    close();
    insert(c.text, from, box.selectionStart);
    box.focus();
  }

  box.addEventListener("input", function () {
    const q = query();
    if (q === null) close(); else open(q);
  });
  box.addEventListener("keydown", function (e) {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (shown.length) active = (active + (e.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
      mark();
    } else if ((e.key === "Enter" || e.key === "Tab") && shown.length) {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  box.addEventListener("blur", close);

  // With JavaScript the insert button works in the page: nothing typed is sent anywhere.
  document.getElementById("canned-insert").addEventListener("click", function (e) {
    const o = select.selectedOptions[0];
    e.preventDefault();
    if (!o || !o.value) return;
    const at = box.selectionStart === box.selectionEnd && document.activeElement !== box ? box.value.length : box.selectionStart;
    const gap = at > 0 && !/\s$/.test(box.value.slice(0, at)) ? "\n\n" : "";
    insert(gap + o.dataset.text, at, box.selectionEnd > at ? box.selectionEnd : at);
    select.value = "";
    box.focus();
  });
})();
