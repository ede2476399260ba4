/* Events explorer: filter rows by subject, axis, status, licence, date range and text; sort by column.
 * The table is complete without this script; the form stays hidden unless the script runs. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("form.labfig-filters");
    var table = document.querySelector("table.labfig-explorer");
    if (!form || !table || form._wired) return;
    form._wired = true;
    form.hidden = false;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);

    function apply() {
      var f = form.elements, shown = 0;
      var q = (f.q.value || "").toLowerCase();
      var from = f.from.value ? f.from.value + "-01" : "";
      var to = f.to.value ? f.to.value + "-31" : "";
      rows.forEach(function (row) {
        var d = row.dataset;
        var ok = ["subject", "axis", "status", "licence"].every(function (k) { return !f[k].value || d[k] === f[k].value; })
          && (!from || d.end >= from) && (!to || d.start <= to)
          && (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) shown++;
      });
      f.count.value = shown + " of " + rows.length + " events";
    }

    function sortBy(th) {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-value") || a.cells[index].textContent.trim().toLowerCase();
        var y = b.cells[index].getAttribute("data-value") || b.cells[index].textContent.trim().toLowerCase();
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (!th.hasAttribute("data-sort")) return;
      th.tabIndex = 0;
      th.style.cursor = "pointer";
      th.addEventListener("click", function () { sortBy(th); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); } });
    });
    apply();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
