// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);

  // Search: narrow the A to Z list as the reader types.
  var filter = document.querySelector("[data-filter-list]");
  if (filter) {
    var list = document.getElementById(filter.getAttribute("data-filter-list"));
    var apply = function () {
      var query = filter.value.trim().toLowerCase();
      list.querySelectorAll("[data-search]").forEach(function (item) {
        item.hidden = query !== "" && item.getAttribute("data-search").indexOf(query) === -1;
      });
    };
    filter.value = params.get("q") || "";
    filter.addEventListener("input", apply);
    apply();
  }

  // Compare: show only the ticked tools' columns.
  var table = document.querySelector("[data-compare]");
  if (table) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".compare-choice input[type=checkbox]"));
    var chosen = params.getAll("tool");
    boxes.forEach(function (box) { box.checked = chosen.indexOf(box.value) !== -1; });
    var show = function () {
      var any = boxes.some(function (box) { return box.checked; });
      table.querySelectorAll("tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (index > 0) { cell.hidden = any && !boxes[index - 1].checked; }
        });
      });
    };
    boxes.forEach(function (box) { box.addEventListener("change", show); });
    show();
  }
})();
