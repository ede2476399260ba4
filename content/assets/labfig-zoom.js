/* Counts that open on zoom: a crowded release timeline collapses the marks that do not fit a time slot
 * into a count ("+23"). The figure's JSON carries the stacking at several zooms (layout.meta.labfigZoom,
 * written by generators/figures/timeline_zoom.py). A click or tap on a count zooms the time axis to the
 * span where it opens, and the marks, counts and label leaders are re-stacked for that zoom; the note at
 * the top then offers the way back to the whole span. The figure's height never changes.
 * labfig.js calls LabfigZoom.wire(plot) after each draw.
 */
(function () {
  "use strict";

  function zoomOf(gd) { return gd.layout && gd.layout.meta && gd.layout.meta.labfigZoom; }

  function ms(value) { return new Date(String(value).replace(" ", "T")).getTime(); }

  // New x or y data makes plotly.js guess the axes' types again (and with legend-only traces first, it
  // guesses numbers for the dates) unless the same update sets the axes: so each update restates them.
  function show(gd, zoom, level) {
    var t = zoom.traces;
    var c = level.counts;
    var axes = function () { return { xaxis: JSON.parse(JSON.stringify(gd.layout.xaxis)), yaxis: JSON.parse(JSON.stringify(gd.layout.yaxis)) }; };
    window.Plotly.update(gd, { y: [level.y] }, axes(), [t.releases]);
    window.Plotly.update(gd, { y: [level.leaders] }, axes(), [t.leaders]);
    window.Plotly.update(gd, { x: [c.x], y: [c.y], text: [c.text], hovertext: [c.hovertext], customdata: [c.customdata] }, axes(), [t.counts]);
  }

  // The level for the axis' current range: the deepest zoom not deeper than the reader's.
  function levelFor(gd, zoom) {
    var range = gd.layout.xaxis.range;
    var factor = (ms(zoom.range[1]) - ms(zoom.range[0])) / Math.max(1, ms(range[1]) - ms(range[0]));
    var chosen = zoom.levels[0];
    zoom.levels.forEach(function (level) { if (level.z <= factor * 1.01) chosen = level; });
    return chosen;
  }

  function update(gd) {
    var zoom = zoomOf(gd);
    if (!zoom || gd._labfigBusy) return;
    var level = levelFor(gd, zoom);
    if (gd._labfigLevel === level.z) return;
    gd._labfigLevel = level.z;
    gd._labfigBusy = true;
    show(gd, zoom, level);
    var note = {};
    if (gd._labfigNote === undefined) gd._labfigNote = gd.layout.annotations[zoom.note].text;
    note["annotations[" + zoom.note + "].text"] = level.z > 1 ? zoom.zoomed : gd._labfigNote;
    window.Plotly.relayout(gd, note).then(function () { gd._labfigBusy = false; }, function () { gd._labfigBusy = false; });
  }

  function wire(gd) {
    if (!zoomOf(gd)) return;
    gd._labfigLevel = 1;  // every draw starts from the figure's own scale
    gd._labfigNote = undefined;
    if (gd._labfigZoomWired) return;
    gd._labfigZoomWired = true;
    gd.on("plotly_click", function (ev) {
      var point = ev && ev.points && ev.points[0];
      var zoom = zoomOf(gd);
      // The counts trace is the one the figure's zoom table names (its index), not a name repeated here.
      if (!point || !zoom || point.curveNumber !== zoom.traces.counts || !point.customdata) return;
      window.Plotly.relayout(gd, { "xaxis.range": point.customdata });
    });
    gd.on("plotly_clickannotation", function (ev) {
      var zoom = zoomOf(gd);
      if (zoom && ev.index === zoom.note && gd._labfigLevel > 1) window.Plotly.relayout(gd, { "xaxis.range": zoom.range });
    });
    gd.on("plotly_relayout", function () { update(gd); });
  }

  window.LabfigZoom = { wire: wire };
})();
