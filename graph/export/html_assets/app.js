/* newsgraph interactive view: data, network, filters, labels, search, selection.
 *
 * Concatenated with panel.js and export.js inside one function scope (see html.py).
 * Every string from the graph is untrusted document data: it only ever reaches
 * the page through textContent / text nodes (see el()), never innerHTML.
 */
var DATA = JSON.parse(document.getElementById("ng-data").textContent);
var META = DATA.meta;
var DOCS = DATA.documents;
var COOC = "MENTIONED_WITH";
var DIM_NODE = { background: "#e6e8eb", border: "#d0d4d9" };
var DIM_EDGE = "rgba(200,204,209,0.35)";
var LABEL_PX = 13;        // label size on screen, at any zoom
var ZOOM_ALL_LABELS = 1.3; // from this zoom on, every entity in view may get a label

var typeStyle = {};
DATA.legend.types.forEach(function (t) { typeStyle[t.type] = t; });
var familyColor = {};
DATA.legend.families.forEach(function (f) { familyColor[f.family] = f.color; });
var FACTUAL = {};
DATA.legend.factual.forEach(function (s) { FACTUAL[s] = true; });
var RTYPE = {};
DATA.relationTypes.forEach(function (r) { RTYPE[r.type] = r; });

// ------------------------------------------------------------ DOM helpers
function $(id) { return document.getElementById(id); }

/* el("li", {className: "x"}, ["text", otherNode]) -- strings become text nodes. */
function el(tag, props, children) {
  var node = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (k) {
      if (k === "style") { Object.assign(node.style, props.style); }
      else if (k === "dataset") { Object.assign(node.dataset, props.dataset); }
      else if (k === "onclick") { node.addEventListener("click", props.onclick); }
      else { node[k] = props[k]; }
    });
  }
  (children || []).forEach(function (c) {
    if (c === null || c === undefined || c === false) { return; }
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  });
  return node;
}

function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

function swatch(shape, color) {
  return el("span", { className: "ng-swatch ng-shape-" + shape, style: { background: color } });
}

function line(color, dashed) {
  return el("span", { className: "ng-line", style: dashed
    ? { background: "repeating-linear-gradient(90deg," + color + " 0 4px,transparent 4px 7px)" }
    : { background: color } });
}

/* 12345 -> "12,345" (toLocaleString is slow enough to matter for 20,000 tooltips). */
function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
function plural(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
function entities(n) { return fmt(n) + (n === 1 ? " entity" : " entities"); }
function day(d) { return d ? String(d).slice(0, 10) : ""; }

// ------------------------------------------------------------ data
var ENT = {};
var ENT_LIST = DATA.entities;
ENT_LIST.forEach(function (e) { ENT[e.id] = e; });

var REL = {};       // edge id -> relation (typed and co-occurrence alike)
var adjacency = {}; // entity id -> [edge id]
ENT_LIST.forEach(function (e) { adjacency[e.id] = []; });

function docDates(refs) {
  var out = {};
  refs.forEach(function (r) { if (DOCS[r] && DOCS[r].date) { out[day(DOCS[r].date)] = true; } });
  return Object.keys(out).sort();
}

function addRelation(eid, r) {
  var t = RTYPE[r.type] || { label: r.type, family: "", symmetric: false };
  r.id = eid;
  r.label = t.label;
  r.family = t.family;
  r.symmetric = t.symmetric;
  REL[eid] = r;
  adjacency[r.from].push(eid);
  if (r.to !== r.from) { adjacency[r.to].push(eid); }
}

DATA.relations.forEach(function (r, i) {
  var refs = [];
  r.evidence.forEach(function (ev) { refs = refs.concat(ev.docs); });
  r.docRefs = refs.filter(function (d, j) { return refs.indexOf(d) === j; });
  r.dates = docDates(r.docRefs);
  addRelation("r" + i, r);
});
DATA.cooccurrences.forEach(function (row, i) {
  addRelation("c" + i, {
    from: ENT_LIST[row[0]].id, to: ENT_LIST[row[1]].id, type: COOC, status: "asserted",
    weight: row[2], docRefs: row[3], docs: row[3].length, sentences: row[4] || null,
    statuses: ["asserted"], dates: docDates(row[3])
  });
});

// ------------------------------------------------------------ vis records
function nodeTooltip(e) {
  var lines = [e.name, e.type + " \u00b7 " + plural(e.mentions, "mention") + " \u00b7 " +
    plural(e.degree, "relation")];
  var others = e.aliases.filter(function (a) { return a !== e.name; });
  if (others.length) {
    lines.push("also: " + others.slice(0, 5).join(", ") + (others.length > 5 ? " \u2026" : ""));
  }
  return lines.join("\n");
}

function nodeColor(color) {
  return { background: color, border: "#333333",
    highlight: { background: color, border: "#000000" },
    hover: { background: color, border: "#000000" } };
}

var baseNode = {}, baseEdge = {};
var nodes = new vis.DataSet(ENT_LIST.map(function (e) {
  var st = typeStyle[e.type] || { shape: "hexagon", color: "#7f7f7f" };
  var n = { id: e.id, x: e.x, y: e.y, shape: st.shape, color: nodeColor(st.color),
    title: nodeTooltip(e), value: e.value, etype: e.type, rank: e.rank };
  baseNode[e.id] = n.color;
  return n;
}));

var pairCount = {};
var edges = new vis.DataSet(Object.keys(REL).map(function (eid) {
  var r = REL[eid], color = familyColor[r.family] || "#555555";
  var c = { color: color, highlight: color, hover: color, opacity: r.type === COOC ? 0.6 : 0.85 };
  var e = { id: eid, from: r.from, to: r.to, color: c, value: r.weight,
    arrows: { to: { enabled: !r.symmetric } }, dashes: !FACTUAL[r.status],
    title: ENT[r.from].name + " " + (r.type === COOC ? "mentioned with" : r.label) + " " +
      ENT[r.to].name + "\n" + (r.type === COOC ? plural(r.weight, "sentence")
        : r.status + " \u00b7 " + plural(r.weight, "sentence")) + " \u00b7 " + plural(r.docs, "document"),
    rtype: r.type, family: r.family, evStatus: r.statuses, evDates: r.dates };
  // Parallel edges between one pair of nodes get increasingly curved.
  var pair = r.from < r.to ? r.from + "\u0000" + r.to : r.to + "\u0000" + r.from;
  var nth = pairCount[pair] || 0;
  pairCount[pair] = nth + 1;
  if (nth) {
    e.smooth = { enabled: true, type: nth % 2 ? "curvedCW" : "curvedCCW",
      roundness: 0.2 * Math.floor((nth + 1) / 2) };
  }
  baseEdge[eid] = c;
  return e;
}));

// ------------------------------------------------------------ state and visibility
var step = META.max_nodes === null ? Infinity : META.max_nodes;
var state = {
  types: {}, rtypes: {}, statuses: {}, from: "", to: "",
  limit: step, forced: {}, isolated: false,
  selected: null, zooming: false, stable: false, stableAt: null, layouts: 0
};
var visibleNode = {};  // id -> bool, recomputed by computeVisibility()
var labelled = [];     // ids labelled in the last frame

function defaults() {
  DATA.legend.types.forEach(function (t) { state.types[t.type] = true; });
  DATA.relationTypes.forEach(function (r) {
    state.rtypes[r.type] = r.type !== COOC || META.show_cooccurrence;
  });
  DATA.legend.statuses.forEach(function (s) { state.statuses[s] = true; });
  state.isolated = false;
  state.from = "";
  state.to = "";
  $("ng-date-from").value = "";
  $("ng-date-to").value = "";
  var dr = META.date_range || [];
  if (dr[0]) { $("ng-date-from").min = day(dr[0]); $("ng-date-to").min = day(dr[0]); }
  if (dr[1]) { $("ng-date-from").max = day(dr[1]); $("ng-date-to").max = day(dr[1]); }
}

function dateFilterOn() { return !!(state.from || state.to); }
function inRange(d) {
  d = day(d);
  return (!state.from || d >= state.from) && (!state.to || d <= state.to);
}

function nodeDatesOk(id) {
  var docs = ENT[id].docs, undated = true;
  for (var i = 0; i < docs.length; i++) {
    var doc = DOCS[docs[i]];
    if (!doc || !doc.date) { continue; }
    undated = false;
    if (inRange(doc.date)) { return true; }
  }
  return undated;
}

function edgeOk(e) {
  if (!state.rtypes[e.rtype] || !visibleNode[e.from] || !visibleNode[e.to]) { return false; }
  var okStatus = false;
  for (var i = 0; i < e.evStatus.length; i++) {
    if (state.statuses[e.evStatus[i]]) { okStatus = true; break; }
  }
  if (!okStatus) { return false; }
  if (dateFilterOn() && e.evDates.length) {
    for (var j = 0; j < e.evDates.length; j++) { if (inRange(e.evDates[j])) { return true; } }
    return false;
  }
  return true;
}

/* A node shows when its type is on, it is within the limit and the dates, and it has a
 * shown edge -- or unconnected entities are wanted, or it was searched for. */
function computeVisibility() {
  var dates = dateFilterOn();
  nodes.forEach(function (n) {
    var forced = !!state.forced[n.id];
    visibleNode[n.id] = !!state.types[n.etype] && (forced || n.rank < state.limit) &&
      (forced || !dates || nodeDatesOk(n.id));
  });
  var linked = {};
  edges.forEach(function (e) { if (edgeOk(e)) { linked[e.from] = true; linked[e.to] = true; } });
  Object.keys(visibleNode).forEach(function (id) {
    if (visibleNode[id] && !linked[id] && !state.isolated && !state.forced[id]) {
      visibleNode[id] = false;
    }
  });
}

defaults();
computeVisibility();
var nodeView = new vis.DataView(nodes, { filter: function (n) { return !!visibleNode[n.id]; } });
var edgeView = new vis.DataView(edges, { filter: edgeOk });

// ------------------------------------------------------------ network
var big = ENT_LIST.length > 3000 || edges.length > 6000;
var network = new vis.Network($("ng-network"), { nodes: nodeView, edges: edgeView }, {
  autoResize: true,
  layout: { improvedLayout: false, randomSeed: 7 },
  physics: { enabled: false },  // positions are computed in Python: nothing moves
  interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
    navigationButtons: false, keyboard: false, multiselect: false },
  nodes: { borderWidth: 1, scaling: { min: DATA.legend.nodeSize[0], max: DATA.legend.nodeSize[1], label: { enabled: false } },
    font: { size: 0 } },
  edges: { smooth: false, scaling: { min: 1, max: 6, label: { enabled: false } },
    arrows: { to: { scaleFactor: 0.6 } }, selectionWidth: 2, hoverWidth: 1.5 }
});

/* Nodes and links are drawn bigger when the view is zoomed out, so a large graph still
 * shows them (labels keep their screen size anyway); html_layout.node_growth is the same
 * rule. Sizes follow the zoom in steps; positions never change. */
var growth = 1;

function growthFor(scale) { return Math.min(2.5, Math.pow(Math.min(scale, 1), -0.5)); }

function resizeForZoom() {
  var k = growthFor(network.getScale());
  if (Math.abs(k - growth) / growth < 0.15) { return false; }
  growth = k;
  var size = DATA.legend.nodeSize;
  var ns = { min: size[0] * k, max: size[1] * k, label: { enabled: false } };
  var es = { min: k, max: 6 * k, label: { enabled: false } };
  nodes.update(nodes.getIds().map(function (id) { return { id: id, scaling: ns }; }));
  edges.update(edges.getIds().map(function (id) { return { id: id, scaling: es }; }));
  return true;
}

function fitAndSize() {
  network.fit({ animation: false });
  if (resizeForZoom()) { network.fit({ animation: false }); }
}

var resizeTimer = null;
function resizeSoon() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(resizeForZoom, 150);
}

function markStable() {
  state.stable = true;
  state.stableAt = performance.now();
  state.layouts += 1;
  $("ng-busy").hidden = true;
  document.documentElement.setAttribute("data-ng-stable", String(state.layouts));
}

// ------------------------------------------------------------ labels
/* Entities to label, most important first: the selection and its neighbours, then the
 * top META.labels shown entities by typed degree. */
var labelOrder = ENT_LIST.slice().sort(function (a, b) {
  return b.degree - a.degree || b.mentions - a.mentions || a.rank - b.rank;
}).map(function (e) { return e.id; });

function shownNeighbours(id) {
  var out = [];
  adjacency[id].forEach(function (eid) {
    if (!edgeView.get(eid)) { return; }
    var r = REL[eid], other = r.from === id ? r.to : r.from;
    if (out.indexOf(other) < 0 && other !== id) { out.push(other); }
  });
  return out;
}

function labelIds() {
  var must = [], seen = {};
  function add(id) { if (!seen[id] && visibleNode[id]) { seen[id] = true; must.push(id); } }
  if (state.selected && visibleNode[state.selected]) {
    add(state.selected);
    shownNeighbours(state.selected).forEach(add);
  }
  var top = 0;
  for (var i = 0; i < labelOrder.length && top < META.labels; i++) {
    if (visibleNode[labelOrder[i]]) { add(labelOrder[i]); top += 1; }
  }
  return must;
}

function drawLabels(ctx) {
  var scale = network.getScale(), size = LABEL_PX / scale;
  var must = labelIds(), extra = [];
  if (scale >= ZOOM_ALL_LABELS) {
    var inMust = {};
    must.forEach(function (id) { inMust[id] = true; });
    extra = labelOrder.filter(function (id) { return visibleNode[id] && !inMust[id]; });
  }
  var view = network.getViewPosition(), c = network.canvas.frame.canvas;
  var halfW = c.clientWidth / 2 / scale, halfH = c.clientHeight / 2 / scale;
  extra = extra.filter(function (id) {
    var node = network.body.nodes[id];
    return node && Math.abs(node.x - view.x) <= halfW && Math.abs(node.y - view.y) <= halfH;
  }).slice(0, 400);
  ctx.save();
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3 / scale;
  ctx.strokeStyle = "#ffffff";
  var boxes = [], drawn = [];
  function place(id, optional) {
    var node = network.body.nodes[id];
    if (!node) { return; }
    var dim = state.selected && !state.keep[id];
    var bold = id === state.selected;
    ctx.font = (bold ? "600 " : "") + size + "px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    var text = ENT[id].name, w = ctx.measureText(text).width;
    var r = (node.options.size || 10) + 2 / scale, box = null;
    // Below the node, else above, right or left; a must-label goes below if all are taken.
    var spots = [[node.x, node.y + r], [node.x, node.y - r - size], [node.x + r + w / 2, node.y - size / 2],
      [node.x - r - w / 2, node.y - size / 2]];
    for (var i = 0; i < spots.length && !box; i++) {
      var b = [spots[i][0] - w / 2, spots[i][1], spots[i][0] + w / 2, spots[i][1] + size];
      if (!boxes.some(function (o) { return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; })) { box = b; }
    }
    if (!box) {
      if (optional) { return; }
      box = [node.x - w / 2, node.y + r, node.x + w / 2, node.y + r + size];
    }
    boxes.push(box);
    ctx.fillStyle = dim ? "#9aa1a9" : "#1d2129";
    var cx = (box[0] + box[2]) / 2;
    ctx.strokeText(text, cx, box[1]);
    ctx.fillText(text, cx, box[1]);
    drawn.push(id);
  }
  // Reserve every must-label's node first, so labels avoid nodes too.
  must.concat(extra).forEach(function (id) {
    var node = network.body.nodes[id];
    if (node) { var r = node.options.size || 10; boxes.push([node.x - r, node.y - r, node.x + r, node.y + r]); }
  });
  must.forEach(function (id) { place(id, false); });
  extra.forEach(function (id) { place(id, true); });
  ctx.restore();
  labelled = drawn;
}

network.on("zoom", resizeSoon);
network.on("animationFinished", function () { state.zooming = false; resizeSoon(); });

network.on("afterDrawing", function (ctx) {
  drawLabels(ctx);
  if (!state.stable) { markStable(); }
});

// ------------------------------------------------------------ highlight (selection, hover)
state.keep = {};

function paint(centre) {
  var keepNodes = {}, keepEdges = {};
  if (centre) {
    keepNodes[centre] = true;
    shownNeighbours(centre).forEach(function (id) { keepNodes[id] = true; });
    adjacency[centre].forEach(function (eid) { keepEdges[eid] = true; });
  }
  var nUp = [], eUp = [];
  nodeView.getIds().forEach(function (id) {
    nUp.push({ id: id, color: !centre || keepNodes[id] ? baseNode[id] : DIM_NODE });
  });
  edgeView.getIds().forEach(function (id) {
    eUp.push({ id: id, color: !centre || keepEdges[id] ? baseEdge[id]
      : { color: DIM_EDGE, highlight: DIM_EDGE, hover: DIM_EDGE, opacity: 1 } });
  });
  nodes.update(nUp);
  edges.update(eUp);
  state.keep = keepNodes;
}

network.on("hoverNode", function (p) { if (!state.selected) { paint(p.node); } });
network.on("blurNode", function () { if (!state.selected) { paint(null); } });

/* Select an entity: dim the rest, label and zoom to its neighbourhood, open its panel. */
function select(id, zoom) {
  state.selected = id;
  network.selectNodes([id]);
  paint(id);
  showEntity(id);  // the panel opens first: the zoom is for the canvas that is left
  syncSize();
  if (zoom !== false) {
    state.zooming = true;
    network.fit({ nodes: [id].concat(shownNeighbours(id)), maxZoomLevel: 1.6,
      animation: { duration: 350, easingFunction: "easeInOutQuad" } });
  }
}

/* Resize the canvas to its container now (vis only polls for it every second). */
function syncSize() {
  var c = $("ng-network");
  var frame = network.canvas.frame;
  if (frame.clientWidth !== c.clientWidth || frame.clientHeight !== c.clientHeight) {
    network.canvas.setSize();
    network.redraw();
  }
}

function unselect() {
  state.selected = null;
  network.unselectAll();
  paint(null);
}

network.on("click", function (p) {
  clear($("ng-suggest"));
  if (p.nodes.length) { select(p.nodes[0]); }
  else if (p.edges.length) { showRelation(p.edges[0]); }
  else if (state.selected) { unselect(); closePanel(); }
});

function applyFilters() {
  computeVisibility();
  nodeView.refresh();
  edgeView.refresh();
  paint(state.selected && visibleNode[state.selected] ? state.selected : null);
  updateNotice();
  updateStats();
}

// ------------------------------------------------------------ header, notice
function updateStats() {
  var dr = META.date_range;
  var parts = [plural(META.documents, "document"), entities(META.entities),
    plural(META.relations, "relation")];
  if (META.cooccurrences) { parts.push(plural(META.cooccurrences, "co-occurrence")); }
  parts.push(dr && (dr[0] || dr[1]) ? day(dr[0]) + " \u2013 " + day(dr[1]) : "no dates");
  parts.push("showing " + entities(nodeView.length) + ", " + plural(edgeView.length, "link"));
  $("ng-stats").textContent = parts.join(" \u00b7 ");
}

function updateNotice() {
  var wanted = 0, shown = 0;
  ENT_LIST.forEach(function (e) {
    if (e.degree > 0 || state.isolated) {
      wanted += 1;
      if (e.rank < state.limit) { shown += 1; }
    }
  });
  $("ng-notice").hidden = shown >= wanted;
  if (shown < wanted) {
    $("ng-notice-text").textContent = "Showing the " + fmt(shown) + " most connected of " +
      entities(wanted) + (state.isolated ? "." : " with relations.");
    $("ng-more").textContent = "Show " + fmt(Math.min(step, wanted - shown)) + " more";
  }
}

$("ng-title").textContent = META.title;
document.title = META.title;
