/* Live reload for `mkdocs serve` that swaps the page in place instead of reloading it.
 *
 * Injected by generators/plugin/serve.py in place of MkDocs's own script (which calls location.reload()).
 * It long-polls the server's /livereload/EPOCH/ID endpoint like MkDocs does; when a rebuild has
 * finished it fetches the current page again, swaps the parts Material's instant navigation swaps,
 * and emits document$ so Material and labfig.js wire the new content. plotly.js, already parsed,
 * stays in memory, so a live figure redraws in a fraction of a full reload, and the scroll position
 * is kept. When the site's stylesheets or scripts changed, or anything is unexpected (no Material,
 * the page gone, a network error), it falls back to location.reload(), as MkDocs would have done.
 */
function labfigLiveReload(epoch, requestId, assets) {
  "use strict";
  var COMPONENTS = ["announce", "container", "header-topic", "outdated", "logo", "skip", "tabs"];
  var controller = null;

  function reload() {
    location.reload();
    return new Promise(function () {});  // the page is going away; nothing else runs
  }

  function swapIn(html) {
    // The server stamps each page with its stylesheets and scripts; if they changed, only a reload shows them.
    var stamp = /labfigLiveReload\([^,]*,[^,]*,\s*"([^"]*)"\)/.exec(html);
    if (!stamp || stamp[1] !== assets) throw new Error("stylesheets or scripts changed");
    var fresh = new DOMParser().parseFromString(html, "text/html");
    if (!fresh.querySelector("[data-md-component=container]")) throw new Error("not a Material page");
    COMPONENTS.forEach(function (name) {
      var selector = "[data-md-component=" + name + "]";
      var now = document.querySelector(selector), next = fresh.querySelector(selector);
      if (now && next) now.replaceWith(document.importNode(next, true));
    });
    document.title = fresh.title;
    // Scripts parsed by DOMParser never run; recreate the ones inside the page content so they do.
    Array.prototype.forEach.call(document.querySelectorAll("[data-md-component=container] script"), function (old) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) { script.setAttribute(a.name, a.value); });
      script.textContent = old.textContent;
      old.replaceWith(script);
    });
    window.document$.next(document);
  }

  function refresh() {
    if (!window.document$ || typeof window.document$.next !== "function") return reload();
    return fetch(location.href, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(location.href + ": " + response.status);
        return response.text();
      })
      .then(swapIn)
      .catch(function (err) {
        if (window.console) console.info("labfig live reload: reloading the page (" + err.message + ")");
        return reload();
      });
  }

  function poll() {
    controller = window.AbortController ? new AbortController() : null;
    fetch("/livereload/" + epoch + "/" + requestId, { cache: "no-store", signal: controller && controller.signal })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(new Error(String(response.status))); })
      .then(function (text) {
        var next = parseFloat(text);
        if (next > epoch) {
          return refresh().then(function () { epoch = next; poll(); });
        }
        poll();
      }, function (err) {
        if (err && err.name === "AbortError") return;
        setTimeout(poll, 3000);  // the server is restarting or gone; try again later, as MkDocs does
      });
  }

  function stop() {
    if (controller) controller.abort();
    controller = null;
  }

  function start() {
    if (document.visibilityState === "visible" && !controller) poll();
  }

  window.addEventListener("load", start);
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") start(); else stop();
  });
  window.addEventListener("beforeunload", stop);
}
