/* newsgraph interactive view: PNG and SVG export, the page's test hooks, start-up. */

var SVG_NS = "http://www.w3.org/2000/svg";

function fileStem() {
  return String(META.title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    .slice(0, 60) || "newsgraph";
}

function download(name, blob) {
  var url = URL.createObjectURL(blob);
  var a = el("a", { href: url, download: name, style: { display: "none" } });
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
}

/* The view as drawn (labels included) on a white background. */
function pngCanvas() {
  var src = network.canvas.frame.canvas;
  var out = document.createElement("canvas");
  out.width = src.width;
  out.height = src.height;
  var ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(src, 0, 0);
  return out;
}

function pngDataURL() { return pngCanvas().toDataURL("image/png"); }

function exportPNG() {
  pngCanvas().toBlob(function (blob) { download(fileStem() + ".png", blob); }, "image/png");
}

function svgEl(tag, attrs, text) {
  var node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
  if (text !== undefined) { node.textContent = text; }
  return node;
}

function colorOf(c, fallback) {
  if (!c) { return fallback; }
  return typeof c === "string" ? c : c.background || c.color || fallback;
}

function shapePoints(shape, x, y, r) {
  var pts;
  if (shape === "diamond") { pts = [[x, y - r], [x + r, y], [x, y + r], [x - r, y]]; }
  else if (shape === "triangle") { pts = [[x, y - r], [x + r * 0.87, y + r / 2], [x - r * 0.87, y + r / 2]]; }
  else {
    pts = [];
    for (var i = 0; i < 6; i++) { pts.push([x + r * Math.cos(i * Math.PI / 3), y + r * Math.sin(i * Math.PI / 3)]); }
  }
  return pts.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
}

/* Every shown entity and link, drawn from their positions; labels as on screen. */
function svgText() {
  var ids = nodeView.getIds(), pos = network.getPositions(ids);
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  ids.forEach(function (id) {
    var p = pos[id], r = network.body.nodes[id].options.size || 10;
    minX = Math.min(minX, p.x - r); maxX = Math.max(maxX, p.x + r);
    minY = Math.min(minY, p.y - r); maxY = Math.max(maxY, p.y + r);
  });
  if (!ids.length) { minX = minY = 0; maxX = maxY = 100; }
  var c = network.canvas.frame.canvas;
  var fit = Math.min(c.clientWidth / Math.max(maxX - minX, 1), c.clientHeight / Math.max(maxY - minY, 1));
  var font = LABEL_PX / Math.min(fit, 1), pad = 2 * font;
  minX -= pad; minY -= pad; maxX += pad; maxY += pad + font;
  var svg = svgEl("svg", { xmlns: SVG_NS, viewBox: [minX, minY, maxX - minX, maxY - minY].map(function (v) {
    return v.toFixed(1); }).join(" "), width: Math.round(maxX - minX), height: Math.round(maxY - minY),
    "font-family": "system-ui, Arial, sans-serif" });
  svg.appendChild(svgEl("title", {}, META.title));
  svg.appendChild(svgEl("rect", { x: minX, y: minY, width: maxX - minX, height: maxY - minY, fill: "#ffffff" }));
  var gEdges = svgEl("g", { "class": "edges", fill: "none" });
  edgeView.get().forEach(function (e) {
    var a = pos[e.from], b = pos[e.to], vis = network.body.edges[e.id];
    if (!a || !b) { return; }
    var attrs = { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
      stroke: colorOf(e.color, "#999"),
      "stroke-width": (vis && vis.options.width) || 1, "stroke-opacity": 0.85, "data-type": e.rtype };
    if (e.dashes) { attrs["stroke-dasharray"] = "5 5"; }
    var ln = svgEl("line", attrs);
    ln.appendChild(svgEl("title", {}, ENT[e.from].name + " " + (REL[e.id].type === COOC
      ? "mentioned with" : REL[e.id].label) + " " + ENT[e.to].name));
    gEdges.appendChild(ln);
  });
  svg.appendChild(gEdges);
  var gNodes = svgEl("g", { "class": "nodes", stroke: "#333333", "stroke-width": 1 });
  ids.forEach(function (id) {
    var n = nodes.get(id), p = pos[id], r = network.body.nodes[id].options.size || 10;
    var fill = colorOf(n.color, "#7f7f7f"), shape;
    if (n.shape === "dot") { shape = svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1), fill: fill }); }
    else if (n.shape === "square") {
      shape = svgEl("rect", { x: (p.x - r).toFixed(1), y: (p.y - r).toFixed(1), width: (2 * r).toFixed(1),
        height: (2 * r).toFixed(1), fill: fill });
    } else { shape = svgEl("polygon", { points: shapePoints(n.shape, p.x, p.y, r), fill: fill }); }
    shape.setAttribute("data-id", id);
    shape.appendChild(svgEl("title", {}, ENT[id].name));
    gNodes.appendChild(shape);
  });
  svg.appendChild(gNodes);
  var gLabels = svgEl("g", { "class": "labels", "text-anchor": "middle", "font-size": font.toFixed(1),
    fill: "#1d2129", stroke: "#ffffff", "stroke-width": (font / 4).toFixed(1), "paint-order": "stroke" });
  labelIds().forEach(function (id) {
    var p = pos[id], r = network.body.nodes[id].options.size || 10;
    gLabels.appendChild(svgEl("text", { x: p.x.toFixed(1), y: (p.y + r + font).toFixed(1) }, ENT[id].name));
  });
  svg.appendChild(gLabels);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

function exportSVG() {
  download(fileStem() + ".svg", new Blob([svgText()], { type: "image/svg+xml" }));
}

$("ng-png").addEventListener("click", exportPNG);
$("ng-svg").addEventListener("click", exportSVG);

// ------------------------------------------------------------ start
updateNotice();
updateStats();
if (META.focus && ENT[META.focus]) {
  state.forced[META.focus] = true;
  applyFilters();
  select(META.focus, false);
}
fitAndSize();
if (nodeView.length === 0) { markStable(); }

window.newsgraph = {
  network: network,
  nodes: nodes,
  edges: edges,
  nodeView: nodeView,
  edgeView: edgeView,
  state: state,
  entities: ENT,
  relations: REL,
  documents: DOCS,
  labelled: function () { return labelled.slice(); },
  focusEntity: focusEntity,
  select: select,
  showEntity: showEntity,
  showRelation: showRelation,
  search: search,
  applyFilters: applyFilters,
  pngDataURL: pngDataURL,
  svgText: svgText
};
