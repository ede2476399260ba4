/* Figures: static SVG first, interactive Plotly when the reader reaches for it.
 *
 * Every <figure class="labfig" data-figure="ID"> shows build-time SVGs at once. On hover, focus or
 * tap (or at once with data-eager) this script loads plotly.js a single time per visit, fetches the
 * figure's JSON for the plan its own width shows (the plan the static image shows too), and draws it
 * in the reader's theme, scaled like the image so that the figure keeps its height. It re-themes every live
 * figure when the palette changes, works with Material's instant navigation (document$), and inside
 * an embed iframe reports the page height to the host page (a postMessage of the height message type).
 *
 * Where sources disagree, a figure offers a claims control: all claims (the static image), the main
 * claims only, or confirmed facts only. The choice applies to every figure on the page and is kept
 * in the address (?claims=VIEW), so a writer can link or embed one view on purpose.
 *
 * The claims views, message types and words come from window.LABFIG_CONFIG, which the build writes
 * (assets/labfig-config.js, generators/render/browser_config.py) from the same tables the figures use.
 */
(function () {
  "use strict";
  var scriptUrl = (document.currentScript && document.currentScript.src) || "";
  var plotlyUrl = scriptUrl ? new URL("vendor/plotly-basic.min.js", scriptUrl).href : "assets/vendor/plotly-basic.min.js";
  var plotlyPromise = null;
  var CONFIG = window.LABFIG_CONFIG || {};
  var CLAIMS = CONFIG.claims || [];  // the views, from the one the static image shows (every claim) on
  var ALL = CLAIMS[0];
  var MESSAGES = CONFIG.messages || {};
  var STRINGS = CONFIG.strings || {};
  // A word from the config with its {fields} filled in.
  function say(name, fields) {
    return (STRINGS[name] || "").replace(/\{(\w+)\}/g, function (m, k) { return fields && k in fields ? fields[k] : m; });
  }

  function claimsFromAddress() {
    var mode = new URLSearchParams(location.search).get("claims");
    return CLAIMS.indexOf(mode) > 0 ? mode : ALL;
  }
  var claims = claimsFromAddress();

  // The JSON for a plan in the chosen view: a view that draws the same as the one before it has no
  // file of its own (data-claims lists those that do), so fall back confirmed -> main -> all.
  function sourceKey(el, variant) {
    var own = (el.getAttribute("data-claims") || "").split(" ");
    for (var i = CLAIMS.indexOf(claims); i > 0; i--) {
      if (own.indexOf(CLAIMS[i]) >= 0) return variant + "-" + CLAIMS[i];
    }
    return variant;
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = plotlyUrl;
        s.async = true;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { plotlyPromise = null; reject(new Error("could not load " + plotlyUrl)); };
        document.head.appendChild(s);
      });
    }
    return plotlyPromise;
  }

  function currentTheme() {
    var body = document.body;
    if (body && body.hasAttribute("data-md-color-scheme")) {
      return body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
    }
    return document.documentElement.getAttribute("data-theme") === "dark" ? "dark" : "light";
  }

  function recolor(value, table) {
    if (typeof value === "string") {
      var hit = table[value.toLowerCase()];
      return hit === undefined ? value : hit;
    }
    if (Array.isArray(value)) return value.map(function (v) { return recolor(v, table); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = recolor(value[k], table); });
      return out;
    }
    return value;
  }

  function themed(spec) {
    var table = (window.LABFIG_THEMES || {})[currentTheme()] || {};
    return recolor(spec, table);
  }

  // The figure's plans, narrowest first, from its data-plans ("name width height,..."): the same table the
  // static image's container queries use, so the live plot shows the plan the reader was already looking at.
  function plansOf(el) {
    return (el.getAttribute("data-plans") || "").split(",").filter(Boolean).map(function (entry) {
      var parts = entry.trim().split(" ");
      return { name: parts[0], width: +parts[1], height: +parts[2] };
    });
  }

  function stageOf(el) { return el.querySelector(".labfig-stage") || el; }

  // The widest plan not wider than the stage (the narrowest when the stage is narrower than all of them).
  function planFor(el) {
    var width = stageOf(el).getBoundingClientRect().width;
    var plans = plansOf(el);
    var chosen = plans[0];
    for (var i = 1; i < plans.length; i++) if (plans[i].width <= width) chosen = plans[i];
    return chosen;
  }

  // Draw the plan at its own width and scale it to the stage, exactly as the static image is scaled:
  // the stage keeps the height it had, and the layout keeps the label spacing it was planned with.
  function fit(el) {
    var state = el._labfig;
    if (!state || !state.plan) return;
    var stage = stageOf(el);
    var scale = stage.getBoundingClientRect().width / state.plan.width;
    state.plot.style.transform = "scale(" + scale + ")";
    stage.style.height = ((state.height || state.plan.height) * scale) + "px";
  }

  function draw(el) {
    var state = el._labfig;
    var plan = state.plan;
    // The reader may have switched the claims view while this plan's JSON was on its way.
    if (!state.specs[sourceKey(el, plan.name)]) return fetchSpec(el, plan.name).then(function () { return draw(el); });
    var spec = themed(state.specs[sourceKey(el, plan.name)]);
    var layout = spec.layout || {};
    layout.autosize = false;
    layout.width = plan.width;
    // The static image is the view of all claims at the plan's height; another view keeps its own height.
    layout.height = layout.height || plan.height;
    state.height = layout.height;
    state.plot.style.width = plan.width + "px";
    state.plot.style.height = layout.height + "px";
    return window.Plotly.react(state.plot, spec.data || [], layout, {
      responsive: false, displayModeBar: false, scrollZoom: false, showTips: false
    }).then(function () {
      if (window.LabfigZoom) window.LabfigZoom.wire(state.plot);  // counts that open on zoom (labfig-zoom.js)
      el.classList.add("is-live");
      fit(el);
      reportHeight();
    });
  }

  function fetchSpec(el, variant) {
    var state = el._labfig;
    var key = sourceKey(el, variant);
    if (state.specs[key]) return Promise.resolve();
    var url = el.getAttribute("data-src-" + variant);
    if (key !== variant) url = url.replace(/\.json$/, key.slice(variant.length) + ".json");
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    }).then(function (json) { state.specs[key] = json; });
  }

  // Show one view of the claims in every figure that has the control, and keep it in the address.
  function chooseClaims(mode, keepAddress) {
    claims = CLAIMS.indexOf(mode) >= 0 ? mode : ALL;
    if (!keepAddress && window.history && history.replaceState) {
      var url = new URL(location.href);
      if (claims === ALL) url.searchParams.delete("claims"); else url.searchParams.set("claims", claims);
      history.replaceState(history.state, "", url.href);
    }
    Array.prototype.forEach.call(document.querySelectorAll("figure.labfig[data-claims]"), function (el) {
      Array.prototype.forEach.call(el.querySelectorAll(".labfig-claims input"), function (box) {
        box.checked = box.value === claims;
      });
      el.setAttribute("data-claims-shown", claims);
      if (!el._labfig) { if (claims !== ALL) activate(el); return; }
      if (!window.Plotly) return;
      fetchSpec(el, el._labfig.plan.name).then(function () { return draw(el); });
    });
  }

  function activate(el) {
    if (el._labfig) return el._labfig.ready;
    var stage = stageOf(el);
    var plot = document.createElement("div");
    plot.className = "labfig-plot";
    plot.setAttribute("aria-hidden", "true");
    stage.appendChild(plot);
    var state = { plot: plot, specs: {}, plan: planFor(el) };
    el._labfig = state;
    el.classList.add("is-loading");
    state.ready = Promise.all([loadPlotly(), fetchSpec(el, state.plan.name)])
      .then(function () { return draw(el); })
      .catch(function (err) {
        el.classList.add("is-failed");
        if (window.console) console.warn("labfig:", err.message);
      })
      .then(function () { el.classList.remove("is-loading"); });
    return state.ready;
  }

  function onResize(el) {
    var state = el._labfig;
    if (!state || !window.Plotly) return;
    var wanted = planFor(el);
    if (wanted.name === state.plan.name) { fit(el); return; }
    state.plan = wanted;
    fetchSpec(el, wanted.name).then(function () { return draw(el); });
  }

  var resizeObserver = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { onResize(entry.target); });
    reportHeight();
  }) : null;

  function wire(el) {
    if (el._labfigWired) return;
    el._labfigWired = true;
    var go = function () { activate(el); };
    ["pointerenter", "focusin", "touchstart", "click"].forEach(function (type) {
      el.addEventListener(type, go, { once: true, passive: true });
    });
    if (resizeObserver) resizeObserver.observe(el);
    Array.prototype.forEach.call(el.querySelectorAll(".labfig-claims input"), function (box) {
      box.checked = box.value === claims;
      box.addEventListener("change", function () { if (box.checked) chooseClaims(box.value, false); });
    });
    // The static image shows every claim; another view needs the live figure at once.
    if (el.hasAttribute("data-eager") || (claims !== ALL && el.hasAttribute("data-claims"))) go();
    if (el.hasAttribute("data-claims")) el.setAttribute("data-claims-shown", claims);
  }

  // The snippet is written with the configured site_url; point it at wherever this copy of the site lives.
  function localiseSnippets() {
    if (!scriptUrl) return;
    var root = new URL("../", scriptUrl).href;
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-embed-path]"), function (box) {
      var path = box.getAttribute("data-embed-path");
      box.value = box.value.replace(/src="[^"]*"/, 'src="' + root + path + '"');
    });
  }

  // Citations carry the build's date as the access date; a reader citing today should see today.
  function accessedToday() {
    var box = document.querySelector(".labfig-cite[data-accessed]");
    if (!box || box._labfigDated) return;
    box._labfigDated = true;
    var built = box.getAttribute("data-accessed"), now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    if (today === built) return;
    var long = function (iso) {
      var p = iso.split("-");
      return new Date(+p[0], +p[1] - 1, +p[2]).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
    };
    var parts = function (iso) { return iso.split("-").map(Number).join(", "); };
    Array.prototype.forEach.call(box.querySelectorAll("[data-cite]"), function (el) {
      var kind = el.getAttribute("data-cite"), text = el.textContent;
      if (kind === "plain") text = text.replace("Accessed: " + long(built), "Accessed: " + long(today));
      if (kind === "bibtex") text = text.replace(/(urldate = "|accessed )\d{4}-\d{2}-\d{2}/g, "$1" + today);
      if (kind === "csl") text = text.replace(/("accessed": \{\s*"date-parts": \[\s*\[)[\d,\s]+(\])/, "$1" + parts(today) + "$2");
      el.textContent = text;
    });
  }

  // A table wider than the column scrolls; keyboard users need to be able to reach and scroll it.
  function focusableScrolls() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap, i) {
      if (wrap.hasAttribute("tabindex") || wrap.scrollWidth <= wrap.clientWidth) return;
      var table = wrap.querySelector("table");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var caption = table && table.caption ? table.caption.textContent : say("table", { n: i + 1 });
      wrap.setAttribute("aria-label", say("scrollsSideways", { caption: caption }));
    });
  }

  // Inside an embed: Share uses the system's share sheet, else copies the figure page's address.
  function wireShare() {
    Array.prototype.forEach.call(document.querySelectorAll("a.labfig-share"), function (a) {
      if (a._labfigShare) return;
      a._labfigShare = true;
      a.addEventListener("click", function (e) {
        var url = a.href, status = a.parentNode.querySelector(".labfig-share-status");
        var tell = function (text) { if (status) status.textContent = text; };
        if (navigator.share) {
          e.preventDefault();
          navigator.share({ title: a.getAttribute("data-share-title") || document.title, url: url }).catch(function () {});
        } else if (navigator.clipboard && window.isSecureContext) {
          e.preventDefault();
          navigator.clipboard.writeText(url).then(function () { tell(say("linkCopied")); }, function () { window.open(url, "_blank", "noopener"); });
        }
      });
    });
  }

  function wireAll() {
    claims = claimsFromAddress();
    localiseSnippets();
    accessedToday();
    focusableScrolls();
    wireShare();
    Array.prototype.forEach.call(document.querySelectorAll("figure.labfig[data-figure]"), wire);
    reportHeight();
  }

  function rethemeAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.labfig"), function (el) {
      if (el._labfig && el.classList.contains("is-live")) draw(el);
    });
  }

  function reportHeight() {
    if (window.parent === window || !MESSAGES.height) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    var fig = document.querySelector("figure.labfig[data-figure]");
    window.parent.postMessage({ type: MESSAGES.height, id: fig ? fig.getAttribute("data-figure") : null, height: height }, "*");
  }

  new MutationObserver(function () { rethemeAll(); reportHeight(); })
    .observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  // An embed left on "auto" follows the reader's system when it switches between light and dark.
  var fixedTheme = new URLSearchParams(location.search).get("theme");
  if (document.body && document.body.classList.contains("labfig-embed") && fixedTheme !== "light" && fixedTheme !== "dark" && window.matchMedia) {
    var dark = matchMedia("(prefers-color-scheme: dark)");
    var follow = function () { document.documentElement.setAttribute("data-theme", dark.matches ? "dark" : "light"); };
    if (dark.addEventListener) dark.addEventListener("change", follow);
  }
  // The host page's script relays a theme the host switched to (only the page holding this frame may).
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source !== window.parent || window.parent === window || !d || !MESSAGES.theme || d.type !== MESSAGES.theme) return;
    var t = d.theme === "auto" ? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light") : d.theme;
    if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
  });
  var watchedBody = null;
  function watchBody() {
    if (document.body && document.body !== watchedBody) {
      watchedBody = document.body;
      new MutationObserver(rethemeAll).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }
  }

  window.addEventListener("load", reportHeight);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { watchBody(); wireAll(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { watchBody(); wireAll(); });
  } else {
    watchBody();
    wireAll();
  }
})();
