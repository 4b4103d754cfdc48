// Keyboard shortcuts, listed behind "?". In the inbox j and k move through
// the conversations, o or Enter opens one, x chooses it for a bulk action,
// a assigns it to oneself and s solves it. In a conversation j and k go to
// the next and previous conversation of the inbox one came from, u back to
// it, r to the reply box, a and s as in the inbox. "/" goes to the search,
// and in the reply box it searches the canned replies (canned.js). Keys
// typed into a field are the field's.
(function () {
  "use strict";
  const help = document.getElementById("shortcuts");
  if (!help) return;
  const rows = function () { return Array.from(document.querySelectorAll("#inbox tr.conversation")); };
  let current = -1;

  function typing(e) {
    const t = e.target;
    return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
  }

  // post sends a form as the page's own forms do, with the session's token.
  function post(action, fields) {
    const csrf = document.querySelector("input[name=csrf]");
    if (!csrf) return;
    const form = document.createElement("form");
    form.method = "post";
    form.action = action;
    fields.csrf = csrf.value;
    Object.keys(fields).forEach(function (name) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.append(input);
    });
    document.body.append(form);
    form.submit();
  }

  // The inbox remembers its list, so that a conversation knows its neighbours.
  function remember() {
    const list = rows();
    if (!list.length) return;
    sessionStorage.setItem("resonanz.list", JSON.stringify(list.map(function (tr) { return tr.dataset.id; })));
    sessionStorage.setItem("resonanz.listURL", location.pathname + location.search);
  }

  function mark(i) {
    const list = rows();
    if (!list.length) return;
    current = Math.max(0, Math.min(i, list.length - 1));
    list.forEach(function (tr, n) {
      tr.classList.toggle("current", n === current);
      if (n === current) tr.setAttribute("aria-current", "true"); else tr.removeAttribute("aria-current");
    });
    list[current].scrollIntoView({ block: "nearest" });
  }

  function inbox(key) {
    const list = rows();
    const tr = list[current];
    switch (key) {
      case "j": mark(current + 1); return true;
      case "k": mark(current < 0 ? 0 : current - 1); return true;
      case "o": case "Enter":
        if (tr) location.href = tr.querySelector("td.preview a").href;
        return !!tr;
      case "x":
        if (tr) tr.querySelector("input.pick").checked = !tr.querySelector("input.pick").checked;
        return !!tr;
      case "a": case "s":
        if (!tr) return false;
        post("/conversations/bulk", key === "a" ? { id: tr.dataset.id, owner: "me", back: location.pathname + location.search }
          : { id: tr.dataset.id, status: "solved", back: location.pathname + location.search });
        return true;
    }
    return false;
  }

  function conversation(key) {
    const list = JSON.parse(sessionStorage.getItem("resonanz.list") || "[]");
    const here = list.indexOf(location.pathname.split("/")[2]);
    const click = function (id) { const b = document.getElementById(id); if (b) b.click(); return !!b; };
    switch (key) {
      case "j": case "k": {
        const next = list[here + (key === "j" ? 1 : -1)];
        if (here < 0 || !next) return false;
        location.href = "/conversations/" + next;
        return true;
      }
      case "u": location.href = sessionStorage.getItem("resonanz.listURL") || "/"; return true;
      case "r": {
        const box = document.getElementById("reply-text");
        if (box) box.focus();
        return !!box;
      }
      case "a": return click("assign-me");
      case "s": return click("solve");
    }
    return false;
  }

  function search() {
    const box = document.querySelector(".search-box input");
    const menu = document.getElementById("menu-toggle");
    if (!box) return false;
    if (menu && box.offsetParent === null) menu.checked = true; // the folded menu of a phone
    box.focus();
    return true;
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    let done = false;
    if (e.key === "?") {
      if (help.open) help.close(); else help.showModal();
      done = true;
    } else if (help.open) {
      return;
    } else if (e.key === "/") {
      done = search();
    } else if (document.getElementById("inbox")) {
      done = inbox(e.key);
    } else if (document.getElementById("reply-form")) {
      done = conversation(e.key);
    }
    if (done) e.preventDefault();
  });
  help.querySelector("button").addEventListener("click", function () { help.close(); });
  remember();
  document.addEventListener("htmx:afterSwap", function () { current = -1; remember(); });
})();
