// policygraph's HTML report (output/report_writer.h): filters the graph drawing, the relation
// table and the documents by node type and by document, and shows or hides the MENTIONS edges.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var showMentions = document.getElementById("show-mentions");
  var docFilter = document.getElementById("doc-filter");
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input.type-filter"));

  var graph = document.getElementById("graph");
  var svg = graph ? graph.querySelector("svg") : null;
  var full = svg ? ["viewBox", "width", "height"].map(function (a) { return svg.getAttribute(a); }) : null;

  // With a filter on, the drawing is cropped to what stays visible; without, shown whole.
  function cropTo(filtered) {
    if (!svg) return;
    ["viewBox", "width", "height"].forEach(function (a, i) { svg.setAttribute(a, full[i]); });
    if (!filtered) return;
    var root = svg.querySelector("g.graph");
    var m = root && root.transform.baseVal.consolidate() ? root.transform.baseVal.consolidate().matrix : null;
    var box = null;
    Array.prototype.forEach.call(svg.querySelectorAll("g.node, g.edge"), function (el) {
      if (getComputedStyle(el).display === "none") return;
      var b = el.getBBox();
      if (b.width === 0 && b.height === 0) return;
      var x0 = m ? m.a * b.x + m.e : b.x, y0 = m ? m.d * b.y + m.f : b.y;
      var x1 = x0 + (m ? m.a : 1) * b.width, y1 = y0 + (m ? m.d : 1) * b.height;
      box = box ? [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x1), Math.max(box[3], y1)]
                : [x0, y0, x1, y1];
    });
    if (!box) return;
    var pad = 8, w = box[2] - box[0] + 2 * pad, h = box[3] - box[1] + 2 * pad;
    svg.setAttribute("viewBox", [box[0] - pad, box[1] - pad, w, h].join(" "));
    svg.setAttribute("width", w + "pt");
    svg.setAttribute("height", h + "pt");
  }

  function setHidden(el, hidden) {
    if (el) el.classList.toggle("hidden", hidden);
  }

  function apply() {
    var doc = docFilter.value === "" ? null : Number(docFilter.value);
    var typeOn = {};
    typeBoxes.forEach(function (box) { typeOn[box.getAttribute("data-type")] = box.checked; });
    document.body.classList.toggle("show-mentions", showMentions.checked);
    var nodeShown = data.nodes.map(function (n, i) {
      var shown = typeOn[n.type] !== false && (doc === null || n.docs.indexOf(doc) >= 0);
      setHidden(document.getElementById("n" + i), !shown);
      return shown;
    });
    data.edges.forEach(function (e, j) {
      var shown = nodeShown[e.s] && nodeShown[e.t] && (doc === null || e.docs.indexOf(doc) >= 0);
      setHidden(document.getElementById("e" + j), !shown);
      setHidden(document.querySelector('#relation-table tr[data-edge="' + j + '"]'), !shown);
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.doc"), function (s) {
      setHidden(s, doc !== null && s.id !== "d" + doc);
    });
    cropTo(doc !== null || typeBoxes.some(function (box) { return !box.checked; }));
  }

  // Following a link to a sentence outlines the mentions of that sentence for a moment.
  function flashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var anchor = id ? document.getElementById(id) : null;
    if (!anchor || !anchor.classList.contains("s")) return;
    var next = document.querySelector('span.s[id="' + id.replace(/-s(\d+)$/, function (m, n) {
      return "-s" + (Number(n) + 1);
    }) + '"]');
    var text = anchor.closest(".text");
    if (!text) return;
    var marks = text.querySelectorAll("mark.m");
    Array.prototype.forEach.call(marks, function (m) {
      var after = anchor.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING;
      var before = !next || (next.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_PRECEDING);
      if (after && before) {
        m.classList.add("flash");
        setTimeout(function () { m.classList.remove("flash"); }, 2500);
      }
    });
  }

  var fit = document.getElementById("fit-graph");
  fit.addEventListener("change", function () {
    if (graph) graph.classList.toggle("fit", fit.checked);
  });
  showMentions.addEventListener("change", apply);
  docFilter.addEventListener("change", apply);
  typeBoxes.forEach(function (box) { box.addEventListener("change", apply); });
  window.addEventListener("hashchange", flashTarget);
  apply();
  flashTarget();
  document.body.setAttribute("data-ready", "1");
})();
