/* Events explorer: filter rows by subject, axis, status, licence, date range and text (other spellings
 * included); sort by column. Filters and order live in the address (?axis=org&sort=event&dir=desc), so a
 * reload or a shared link shows the same rows. The table is complete without this script; the form
 * stays hidden unless the script runs. */
(function () {
  "use strict";
  var slice = function (list) { return Array.prototype.slice.call(list); };
  var STRINGS = (window.LABFIG_CONFIG || {}).strings || {};

  function setup() {
    var form = document.querySelector("form.labfig-filters");
    var table = document.querySelector("table.labfig-explorer");
    if (!form || !table || form._wired) return;
    form._wired = true;
    form.hidden = false;
    var f = form.elements, body = table.tBodies[0];
    // The filters are the form's own (generators/render/explorer.py lists the menus): each menu, the date range, the text.
    var SELECTS = slice(form.querySelectorAll("select[name]")).map(function (el) { return el.name; });
    var RANGE = ["from", "to"];
    var FIELDS = SELECTS.concat(RANGE, ["q"]);
    var rows = slice(body.rows);
    rows.forEach(function (row, i) { row._labfigIndex = i; });
    var headers = slice(table.tHead.rows[0].cells).filter(function (th) { return th.hasAttribute("data-sort"); });
    var order = { key: "date", dir: "ascending" };
    var toggle = form.querySelector(".labfig-filter-toggle");

    function value(row, th) {
      var cell = row.cells[th.cellIndex];
      return cell.getAttribute("data-value") || cell.textContent.trim().toLowerCase();
    }

    function sort() {
      var th = headers.filter(function (h) { return h.getAttribute("data-sort") === order.key; })[0] || headers[0];
      var sign = order.dir === "descending" ? -1 : 1;
      headers.forEach(function (h) { if (h !== th) h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", order.dir);
      rows.sort(function (a, b) {
        var x = value(a, th), y = value(b, th);
        // Ties keep the store's order, so the same address always gives the same order.
        return (x < y ? -1 : x > y ? 1 : 0) * sign || a._labfigIndex - b._labfigIndex;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    function apply() {
      var shown = 0, active = 0;
      var q = (f.q.value || "").trim().toLowerCase();
      var from = f.from.value ? f.from.value + "-01" : "";
      var to = f.to.value ? f.to.value + "-31" : "";
      rows.forEach(function (row) {
        var d = row.dataset;
        var ok = SELECTS.every(function (k) { return !f[k].value || d[k] === f[k].value; })
          && (!from || d.end >= from) && (!to || d.start <= to)
          && (!q || (row.textContent + " " + (d.search || "")).toLowerCase().indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) shown++;
      });
      SELECTS.concat(RANGE).forEach(function (k) { if (f[k].value) active++; });
      f.count.value = (STRINGS.eventsShown || "{shown} / {total}").replace("{shown}", shown).replace("{total}", rows.length);
      if (toggle) toggle.querySelector(".labfig-filter-count").textContent = active ? " (" + active + ")" : "";
    }

    // The address says what is shown; replaceState, so filtering does not fill the back button's history.
    function remember() {
      var params = new URLSearchParams();
      FIELDS.forEach(function (k) { if (f[k].value) params.set(k, f[k].value); });
      if (order.key !== "date" || order.dir !== "ascending") {
        params.set("sort", order.key);
        params.set("dir", order.dir === "descending" ? "desc" : "asc");
      }
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      FIELDS.forEach(function (k) {
        var v = params.get(k);
        if (v === null) return;
        if (SELECTS.indexOf(k) !== -1 && !slice(f[k].options).some(function (o) { return o.value === v; })) return;
        f[k].value = v;
      });
      var key = params.get("sort");
      if (key && headers.some(function (h) { return h.getAttribute("data-sort") === key; })) {
        order = { key: key, dir: params.get("dir") === "desc" ? "descending" : "ascending" };
      }
      if (toggle && SELECTS.concat(RANGE).some(function (k) { return f[k].value; })) setOpen(true);
    }

    function setOpen(open) {
      form.classList.toggle("is-open", open);
      if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    // Each sortable heading gets a button: reachable by Tab, pressed by Enter or Space, read with its state.
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "labfig-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      var mark = document.createElement("span");
      mark.className = "labfig-sort-mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        var dir = order.key === key && order.dir === "ascending" ? "descending" : "ascending";
        order = { key: key, dir: dir };
        sort();
        remember();
      });
    });

    form.addEventListener("input", function () { apply(); remember(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(); remember(); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    if (toggle) toggle.addEventListener("click", function () { setOpen(!form.classList.contains("is-open")); });
    restore();
    sort();
    apply();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
