(function () {
  // One listener for every labfig embed on the page, however many snippets were pasted.
  if (window.labfigHost) return;
  window.labfigHost = true;
  var MIN = 120, MAX = 5000;
  // The message types, written in by the build (generators/render/browser_config.py) as labfig.js reads them.
  var MESSAGES = LABFIG_MESSAGES;
  function origin(f) { return new URL(f.src, location.href).origin; }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== MESSAGES.height || typeof d.height !== "number" || !isFinite(d.height)) return;
    var frames = document.querySelectorAll("iframe[data-labfig]");
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow !== e.source) continue;
      // Only the page the iframe was pointed at may size it, and only within bounds.
      if (origin(f) !== e.origin) return;
      f.style.height = Math.max(MIN, Math.min(MAX, Math.ceil(d.height))) + "px";
      return;
    }
  });
  // A host that switches its own theme sets data-theme="dark|light|auto" on the iframe; the figure follows.
  function tell(f) {
    var t = f.getAttribute("data-theme");
    if (t && f.contentWindow) f.contentWindow.postMessage({ type: MESSAGES.theme, theme: t }, origin(f));
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (c) { if (c.target.hasAttribute("data-labfig")) tell(c.target); });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"], subtree: true });
  document.addEventListener("load", function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-labfig")) tell(e.target);
  }, true);
})();
