// The inbox's bulk actions: a box in the bar of bulk actions chooses every
// conversation on the page at once. It is made here, since without
// JavaScript it could do nothing; the boxes of the rows work without it.
(function () {
  "use strict";
  function wire() {
    const bar = document.querySelector("#bulk .bulk-bar");
    if (!bar || document.getElementById("pick-all")) return;
    const label = document.createElement("label");
    const all = document.createElement("input");
    all.type = "checkbox";
    all.id = "pick-all";
    label.append(all, " " + bar.dataset.all);
    bar.querySelector("legend").after(label);
    all.addEventListener("change", function () {
      document.querySelectorAll("#bulk input.pick").forEach(function (box) { box.checked = all.checked; });
    });
  }
  wire();
  // The filters replace the list without reloading the page.
  document.addEventListener("htmx:afterSwap", wire);
})();
