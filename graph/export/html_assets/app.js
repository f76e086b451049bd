/* newsgraph interactive view.
 *
 * Every string from the graph is untrusted document data: it only ever reaches
 * the page through textContent / text nodes (see el()), never innerHTML.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("ng-data").textContent);
  var META = DATA.meta;
  var ENT = DATA.entities;
  var REL = DATA.relations;
  var DOCS = DATA.documents || {};
  var COOC = "MENTIONED_WITH";
  var DIM_NODE = { background: "#e6e8eb", border: "#d0d4d9" };
  var DIM_EDGE = "rgba(200,204,209,0.35)";

  var typeStyle = {};
  DATA.legend.types.forEach(function (t) { typeStyle[t.type] = t; });
  var familyColor = {};
  DATA.legend.families.forEach(function (f) { familyColor[f.family] = f.color; });

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

  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
  function entities(n) { return fmt(n) + (n === 1 ? " entity" : " entities"); }
  function day(d) { return d ? String(d).slice(0, 10) : ""; }

  // ------------------------------------------------------------ state
  var nodes = new vis.DataSet(DATA.vis.nodes);
  var edges = new vis.DataSet(DATA.vis.edges);
  var baseNode = {};
  DATA.vis.nodes.forEach(function (n) { baseNode[n.id] = { color: n.color }; });
  var baseEdge = {};
  DATA.vis.edges.forEach(function (e) { baseEdge[e.id] = { color: e.color }; });

  var adjacency = {};  // node id -> [edge id]
  Object.keys(ENT).forEach(function (id) { adjacency[id] = []; });
  Object.keys(REL).forEach(function (eid) {
    var r = REL[eid];
    adjacency[r.from].push(eid);
    if (r.to !== r.from) { adjacency[r.to].push(eid); }
  });

  var total = DATA.vis.nodes.length;
  var step = META.max_nodes === null ? Infinity : META.max_nodes;
  var state = {
    types: {},
    rtypes: {},
    statuses: {},
    from: "",
    to: "",
    limit: step,
    forced: {},
    stable: false,
    stableAt: null,
    layouts: 0
  };
  var visibleNode = {};  // id -> bool, recomputed by computeVisibility()
  var savedPos = {};     // positions of nodes that left the view

  function defaults() {
    DATA.legend.types.forEach(function (t) { state.types[t.type] = true; });
    DATA.relationTypes.forEach(function (r) {
      state.rtypes[r.type] = r.type !== COOC || META.show_cooccurrence;
    });
    DATA.legend.statuses.forEach(function (s) { state.statuses[s] = true; });
    var dr = META.date_range || [];
    state.from = "";
    state.to = "";
    $("ng-date-from").value = "";
    $("ng-date-to").value = "";
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

  function computeVisibility() {
    var dates = dateFilterOn();
    nodes.forEach(function (n) {
      var forced = !!state.forced[n.id];
      visibleNode[n.id] = !!state.types[n.etype] &&
        (forced || n.rank < state.limit) &&
        (forced || !dates || nodeDatesOk(n.id));
    });
  }

  function nodeFilter(n) { return !!visibleNode[n.id]; }

  function edgeFilter(e) {
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

  defaults();
  computeVisibility();
  var nodeView = new vis.DataView(nodes, { filter: nodeFilter });
  var edgeView = new vis.DataView(edges, { filter: edgeFilter });

  // ------------------------------------------------------------ network
  var options = DATA.vis.options;
  var network = new vis.Network($("ng-network"), { nodes: nodeView, edges: edgeView }, options);

  function iterationsFor(n) {
    var p = DATA.physics;
    return Math.max(p.min, Math.min(p.max, Math.floor(p.work / Math.max(n, 1))));
  }

  function markBusy(text) {
    state.stable = false;
    $("ng-busy").textContent = text;
    $("ng-busy").hidden = false;
    document.documentElement.removeAttribute("data-ng-stable");
  }

  function markStable() {
    state.stable = true;
    state.stableAt = performance.now();
    state.layouts += 1;
    $("ng-busy").hidden = true;
    document.documentElement.setAttribute("data-ng-stable", String(state.layouts));
  }

  network.on("stabilizationProgress", function (p) {
    $("ng-busy").textContent = "Laying out the graph\u2026 " +
      Math.round(100 * p.iterations / p.total) + "%";
  });
  network.on("stabilizationIterationsDone", function () {
    // Bounded layout: once the iteration budget is spent, physics stops for good.
    network.setOptions({ physics: { enabled: false } });
    markStable();
  });
  if (nodeView.length === 0) {
    network.setOptions({ physics: { enabled: false } });
    markStable();
  }

  /* Re-run a short, bounded layout (after new nodes joined the view). */
  function relayout() {
    markBusy("Laying out the graph\u2026");
    network.setOptions({ physics: { enabled: true, stabilization: {
      enabled: true, iterations: iterationsFor(nodeView.length), fit: false } } });
    network.stabilize(iterationsFor(nodeView.length));
  }

  function applyFilters() {
    var before = {};
    nodeView.getIds().forEach(function (id) { before[id] = true; });
    var pos = network.getPositions();
    Object.keys(pos).forEach(function (id) { savedPos[id] = pos[id]; });
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    var fresh = [];
    nodeView.getIds().forEach(function (id) {
      if (before[id]) { return; }
      if (savedPos[id]) { network.moveNode(id, savedPos[id].x, savedPos[id].y); }
      else { fresh.push(id); }
    });
    if (fresh.length) {
      // New nodes start next to a placed neighbour, then a short layout settles them.
      fresh.forEach(function (id) {
        var anchor = null;
        adjacency[id].some(function (eid) {
          var r = REL[eid], other = r.from === id ? r.to : r.from;
          if (before[other]) { anchor = network.getPosition(other); }
          return anchor !== null;
        });
        if (!anchor) { anchor = network.getViewPosition(); }
        var a = Math.random() * 2 * Math.PI, d = 60 + Math.random() * 80;
        network.moveNode(id, anchor.x + d * Math.cos(a), anchor.y + d * Math.sin(a));
      });
      relayout();
    }
    updateNotice();
    updateStats();
  }

  // ------------------------------------------------------------ header
  function updateStats() {
    var dr = META.date_range;
    var parts = [
      plural(META.documents, "document"),
      entities(META.entities),
      plural(META.relations, "relation")
    ];
    if (META.cooccurrences) { parts.push(plural(META.cooccurrences, "co-occurrence")); }
    parts.push(dr && (dr[0] || dr[1]) ? day(dr[0]) + " \u2013 " + day(dr[1]) : "no dates");
    parts.push("showing " + entities(nodeView.length) + ", " + plural(edgeView.length, "link"));
    $("ng-stats").textContent = parts.join(" \u00b7 ");
  }

  function updateNotice() {
    var shown = 0;
    nodes.forEach(function (n) { if (n.rank < state.limit) { shown += 1; } });
    var hiddenByLimit = shown < total;
    $("ng-notice").hidden = !hiddenByLimit;
    if (hiddenByLimit) {
      $("ng-notice-text").textContent = "Large graph: showing the " + fmt(shown) +
        " most connected of " + fmt(total) + " entities.";
      $("ng-more").textContent = "Show " + fmt(Math.min(step, total - shown)) + " more";
    }
  }

  $("ng-title").textContent = META.title;
  document.title = META.title;

  // ------------------------------------------------------------ filters UI
  function checkbox(checked, onchange, children, extra) {
    var box = el("input", { type: "checkbox", checked: checked });
    if (extra) { Object.assign(box.dataset, extra); }
    box.addEventListener("change", function () { onchange(box.checked); applyFilters(); });
    return el("label", null, [box].concat(children));
  }

  var typeCounts = {};
  Object.keys(ENT).forEach(function (id) {
    typeCounts[ENT[id].type] = (typeCounts[ENT[id].type] || 0) + 1;
  });
  var typeBoxes = {};
  DATA.legend.types.forEach(function (t) {
    var lab = checkbox(true, function (on) { state.types[t.type] = on; }, [
      swatch(t.shape, t.color), t.type,
      el("span", { className: "ng-count" }, [fmt(typeCounts[t.type] || 0)])
    ], { type: t.type });
    typeBoxes[t.type] = lab.firstChild;
    $("ng-types").appendChild(lab);
  });

  DATA.legend.families.forEach(function (f) {
    $("ng-families").appendChild(el("span", null, [line(f.color), f.family]));
  });
  $("ng-families").appendChild(el("span", null, [line("#777", true), "not asserted"]));

  var lastFamily = null;
  DATA.relationTypes.forEach(function (r) {
    if (r.family !== lastFamily) {
      lastFamily = r.family;
      $("ng-rtypes").appendChild(el("div", { className: "ng-group" },
        [line(familyColor[r.family] || "#555"), r.family || "other"]));
    }
    var lab = checkbox(state.rtypes[r.type], function (on) { state.rtypes[r.type] = on; }, [
      el("span", { title: r.type }, [r.type === COOC ? "co-occurs with" : r.label]),
      el("span", { className: "ng-count" }, [fmt(r.count)])
    ], { rtype: r.type });
    $("ng-rtypes").appendChild(lab);
  });

  DATA.legend.statuses.forEach(function (s) {
    $("ng-statuses").appendChild(checkbox(true, function (on) { state.statuses[s] = on; },
      [s], { status: s }));
  });

  $("ng-date-from").addEventListener("change", function () { state.from = this.value; applyFilters(); });
  $("ng-date-to").addEventListener("change", function () { state.to = this.value; applyFilters(); });
  $("ng-reset").addEventListener("click", function () {
    defaults();
    document.querySelectorAll("#ng-types input").forEach(function (b) { b.checked = true; });
    document.querySelectorAll("#ng-statuses input").forEach(function (b) { b.checked = true; });
    document.querySelectorAll("#ng-rtypes input").forEach(function (b) {
      b.checked = state.rtypes[b.dataset.rtype];
    });
    applyFilters();
  });
  $("ng-fit").addEventListener("click", function () { network.fit({ animation: false }); });
  $("ng-more").addEventListener("click", function () { state.limit += step; applyFilters(); });
  $("ng-all").addEventListener("click", function () { state.limit = Infinity; applyFilters(); });

  // ------------------------------------------------------------ search
  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var searchIndex = Object.keys(ENT).map(function (id) {
    var e = ENT[id];
    var names = [e.name].concat(e.aliases || []);
    return { id: id, names: names, keys: names.map(norm), mentions: e.mentions };
  });

  function search(q) {
    q = norm(q);
    if (!q) { return []; }
    var hits = [];
    searchIndex.forEach(function (item) {
      var best = -1, alias = null;
      item.keys.forEach(function (k, i) {
        var score = k === q ? 3 : k.indexOf(q) === 0 ? 2 :
          (" " + k).indexOf(" " + q) >= 0 ? 1.5 : k.indexOf(q) >= 0 ? 1 : -1;
        if (score > best) { best = score; alias = item.names[i]; }
      });
      if (best >= 0) { hits.push({ id: item.id, score: best, alias: alias, mentions: item.mentions }); }
    });
    hits.sort(function (a, b) { return b.score - a.score || b.mentions - a.mentions; });
    return hits.slice(0, 8);
  }

  function renderSuggestions() {
    var list = $("ng-suggest");
    clear(list);
    search($("ng-search").value).forEach(function (h) {
      var e = ENT[h.id];
      var note = h.alias !== e.name ? e.type + ", as \u201c" + h.alias + "\u201d" : e.type;
      list.appendChild(el("li", null, [el("button", {
        type: "button",
        dataset: { id: h.id },
        onclick: function () { pick(h.id); }
      }, [e.name, el("small", null, [note])])]));
    });
  }

  function pick(id) {
    clear($("ng-suggest"));
    $("ng-search").value = ENT[id].name;
    focusEntity(id);
  }

  $("ng-search").addEventListener("input", renderSuggestions);
  $("ng-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = search(this.value)[0];
      if (first) { ev.preventDefault(); pick(first.id); }
    } else if (ev.key === "Escape") {
      clear($("ng-suggest"));
    }
  });

  /* Bring an entity into view (even if a limit or filter hid it), select it, open its panel. */
  function focusEntity(id) {
    var t = ENT[id].type;
    if (!state.types[t]) { state.types[t] = true; if (typeBoxes[t]) { typeBoxes[t].checked = true; } }
    if (!visibleNode[id]) { state.forced[id] = true; applyFilters(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showEntity(id);
  }

  // ------------------------------------------------------------ side panel
  function openPanel(children) {
    var body = $("ng-panel-body");
    clear(body);
    children.forEach(function (c) { if (c) { body.appendChild(c); } });
    $("ng-panel").hidden = false;
    $("ng-panel").scrollTop = 0;
  }
  function closePanel() { $("ng-panel").hidden = true; network.unselectAll(); }
  $("ng-panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && ev.target === document.body) { closePanel(); }
  });

  function section(title, content) {
    return el("div", null, [el("h3", null, [title]), content]);
  }

  function docLine(docId) {
    var d = DOCS[docId] || {};
    var bits = [d.date ? day(d.date) : null, d.outlet || null].filter(Boolean);
    return [el("strong", null, [d.title || docId])].concat(bits.length ? [" \u2014 " + bits.join(", ")] : []);
  }

  function entityButton(id) {
    return el("button", { type: "button", className: "ng-linkish",
      onclick: function () { focusEntity(id); } }, [ENT[id] ? ENT[id].name : id]);
  }

  function showEntity(id) {
    var e = ENT[id];
    var st = typeStyle[e.type] || { shape: "hexagon", color: "#7f7f7f" };
    var out = [
      el("h2", { className: "ng-name" }, [e.name]),
      el("div", { className: "ng-kind" }, [swatch(st.shape, st.color), e.type,
        " \u00b7 " + plural(e.mentions, "mention") + " \u00b7 " + plural(e.degree, "neighbour")])
    ];
    if (e.aliases.length) {
      out.push(section("Also called", el("ul", { className: "ng-aliases" },
        e.aliases.map(function (a) { return el("li", null, [a]); }))));
    }
    if (e.titles && e.titles.length) {
      out.push(section("Titles", el("ul", null, e.titles.map(function (a) { return el("li", null, [a]); }))));
    }
    var codes = Object.keys(e.codes || {}).filter(function (k) { return e.codes[k]; });
    if (codes.length) {
      var dl = el("dl");
      codes.forEach(function (k) { dl.appendChild(el("dt", null, [k])); dl.appendChild(el("dd", null, [e.codes[k]])); });
      out.push(section("Codes", dl));
    }
    var typed = [], cooc = [];
    adjacency[id].forEach(function (eid) { (REL[eid].type === COOC ? cooc : typed).push(eid); });
    if (typed.length) {
      out.push(section("Relations", el("ul", { className: "ng-relations" }, typed.map(function (eid) {
        var r = REL[eid];
        var outgoing = r.from === id;
        var other = outgoing ? r.to : r.from;
        var text = outgoing || r.symmetric ? [r.label + " "] : [];
        var children = outgoing || r.symmetric
          ? [el("button", { type: "button", className: "ng-linkish", onclick: function () { showRelation(eid); } }, text.concat([ENT[other].name]))]
          : [el("button", { type: "button", className: "ng-linkish", onclick: function () { showRelation(eid); } }, [ENT[other].name + " " + r.label + " " + e.name])];
        children.push(el("span", { className: "ng-tag" }, [r.status]));
        children.push(el("span", { className: "ng-tag" }, [plural(r.weight, "source")]));
        return el("li", null, children);
      }))));
    }
    if (cooc.length) {
      out.push(section("Mentioned with", el("ul", null, cooc.map(function (eid) {
        var r = REL[eid], other = r.from === id ? r.to : r.from;
        return el("li", null, [el("button", { type: "button", className: "ng-linkish",
          onclick: function () { showRelation(eid); } }, [ENT[other].name]),
          el("span", { className: "ng-tag" }, [plural(r.weight, "sentence")])]);
      }))));
    }
    if (e.docs.length) {
      out.push(section("Documents", el("ul", { className: "ng-docs" },
        e.docs.map(function (d) { return el("li", null, docLine(d)); }))));
    }
    openPanel(out);
  }

  function highlighted(ev) {
    var s = String(ev.sentence || "");
    var bq = el("blockquote");
    var a = ev.trigger_start - ev.start, b = ev.trigger_end - ev.start;
    if (typeof ev.trigger_start === "number" && typeof ev.start === "number" &&
        a >= 0 && b > a && b <= s.length) {
      bq.appendChild(document.createTextNode(s.slice(0, a)));
      bq.appendChild(el("mark", null, [s.slice(a, b)]));
      bq.appendChild(document.createTextNode(s.slice(b)));
    } else {
      bq.textContent = s;
    }
    return bq;
  }

  function showRelation(eid) {
    var r = REL[eid];
    if (edgeView.get(eid)) { network.selectEdges([eid]); }
    var dl = el("dl");
    [["type", r.type], ["family", r.family], ["status", r.status], ["evidence", String(r.weight)],
     ["first seen", day(r.first_seen)], ["last seen", day(r.last_seen)],
     ["CAMEO", r.cameo], ["PLOVER", r.plover]].forEach(function (kv) {
      if (kv[1]) { dl.appendChild(el("dt", null, [kv[0]])); dl.appendChild(el("dd", null, [kv[1]])); }
    });
    var items = r.evidence.map(function (ev) {
      var cite = docLine(ev.doc);
      var extra = [];
      if (ev.according_to) { extra.push("according to " + ev.according_to); }
      if (ev.status) { extra.push(ev.status); }
      if (ev.role) { extra.push("role: " + ev.role); }
      if (typeof ev.confidence === "number") { extra.push("confidence " + ev.confidence.toFixed(2)); }
      if (!DOCS[ev.doc] && ev.date) { extra.push(day(ev.date)); }
      return el("li", null, [highlighted(ev), el("div", { className: "ng-cite" },
        cite.concat(extra.length ? [" \u00b7 " + extra.join(" \u00b7 ")] : []))]);
    });
    openPanel([
      el("h2", { className: "ng-name" }, [entityButton(r.from), " " + (r.type === COOC ? "mentioned with" : r.label) + " ", entityButton(r.to)]),
      el("div", { className: "ng-kind" }, [line(familyColor[r.family] || "#555", r.status !== "asserted" && r.status !== "reported"),
        r.symmetric ? "symmetric" : "directed"]),
      dl,
      section("Evidence", el("ul", { className: "ng-evidence" }, items))
    ]);
  }

  network.on("click", function (p) {
    clear($("ng-suggest"));
    if (p.nodes.length) { showEntity(p.nodes[0]); }
    else if (p.edges.length) { showRelation(p.edges[0]); }
  });

  // ------------------------------------------------------------ hover highlight
  var dimmed = null;
  network.on("hoverNode", function (p) {
    var keep = {};
    keep[p.node] = true;
    network.getConnectedNodes(p.node).forEach(function (id) { keep[id] = true; });
    var keepEdges = {};
    network.getConnectedEdges(p.node).forEach(function (id) { keepEdges[id] = true; });
    var nUp = [], eUp = [];
    nodeView.getIds().forEach(function (id) { if (!keep[id]) { nUp.push({ id: id, color: DIM_NODE }); } });
    edgeView.getIds().forEach(function (id) {
      if (!keepEdges[id]) { eUp.push({ id: id, color: { color: DIM_EDGE, opacity: 1 } }); }
    });
    dimmed = { nodes: nUp.map(function (u) { return u.id; }), edges: eUp.map(function (u) { return u.id; }) };
    nodes.update(nUp);
    edges.update(eUp);
  });
  network.on("blurNode", function () {
    if (!dimmed) { return; }
    nodes.update(dimmed.nodes.map(function (id) { return { id: id, color: baseNode[id].color }; }));
    edges.update(dimmed.edges.map(function (id) { return { id: id, color: baseEdge[id].color }; }));
    dimmed = null;
  });

  updateNotice();
  updateStats();

  window.newsgraph = {
    network: network,
    nodes: nodes,
    edges: edges,
    nodeView: nodeView,
    edgeView: edgeView,
    state: state,
    focusEntity: focusEntity,
    showEntity: showEntity,
    showRelation: showRelation,
    search: search,
    applyFilters: applyFilters
  };
})();
