/* newsgraph interactive view: filters, legend, "most connected", search. */

function checkbox(checked, onchange, children, extra) {
  var box = el("input", { type: "checkbox", checked: checked });
  if (extra) { Object.assign(box.dataset, extra); }
  box.addEventListener("change", function () { onchange(box.checked); applyFilters(); });
  return el("label", null, [box].concat(children));
}

var typeCounts = {};
ENT_LIST.forEach(function (e) { typeCounts[e.type] = (typeCounts[e.type] || 0) + 1; });
var typeBoxes = {};
DATA.legend.types.forEach(function (t) {
  var lab = checkbox(true, function (on) { state.types[t.type] = on; }, [
    swatch(t.shape, t.color), t.type,
    el("span", { className: "ng-count" }, [fmt(typeCounts[t.type] || 0)])
  ], { type: t.type });
  typeBoxes[t.type] = lab.firstChild;
  $("ng-types").appendChild(lab);
});
var unconnected = ENT_LIST.filter(function (e) { return e.degree === 0; }).length;
var isolatedBox = checkbox(false, function (on) { state.isolated = on; },
  ["entities without relations", el("span", { className: "ng-count" }, [fmt(unconnected)])]);
isolatedBox.firstChild.id = "ng-isolated";
$("ng-types").appendChild(isolatedBox);

DATA.legend.families.forEach(function (f) {
  $("ng-families").appendChild(el("span", null, [line(f.color), f.family]));
});
$("ng-families").appendChild(el("span", null, [line("#777", true), "not asserted"]));

var lastFamily = null;
DATA.relationTypes.forEach(function (r) {
  if (r.family !== lastFamily) {
    lastFamily = r.family;
    $("ng-rtypes").appendChild(el("div", { className: "ng-group" },
      [line(familyColor[r.family] || "#555", false), r.family || "other"]));
  }
  $("ng-rtypes").appendChild(checkbox(state.rtypes[r.type], function (on) { state.rtypes[r.type] = on; }, [
    el("span", { title: r.type }, [r.type === COOC ? "co-occurs with" : r.label]),
    el("span", { className: "ng-count" }, [fmt(r.count)])
  ], { rtype: r.type }));
});

DATA.legend.statuses.forEach(function (s) {
  $("ng-statuses").appendChild(checkbox(true, function (on) { state.statuses[s] = on; },
    [s], { status: s }));
});

// "Most connected": by typed relations (distinct neighbours), then mentions.
labelOrder.slice(0, 10).forEach(function (id) {
  var e = ENT[id];
  if (!e.degree) { return; }
  $("ng-top").appendChild(el("li", null, [
    el("button", { type: "button", className: "ng-linkish", dataset: { id: id },
      onclick: function () { focusEntity(id); } }, [e.name]),
    el("span", { className: "ng-count" }, [fmt(e.degree)])
  ]));
});

$("ng-date-from").addEventListener("change", function () { state.from = this.value; applyFilters(); });
$("ng-date-to").addEventListener("change", function () { state.to = this.value; applyFilters(); });
$("ng-reset").addEventListener("click", function () {
  defaults();
  document.querySelectorAll("#ng-types input[data-type], #ng-statuses input").forEach(function (b) {
    b.checked = true;
  });
  $("ng-isolated").checked = false;
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
var searchIndex = ENT_LIST.map(function (e) {
  var names = [e.name].concat(e.aliases || []);
  return { id: e.id, names: names, keys: names.map(norm), mentions: e.mentions };
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
      type: "button", dataset: { id: h.id }, onclick: function () { pick(h.id); }
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

/* Bring an entity into view (even if a limit or filter hid it), select it, zoom to it. */
function focusEntity(id) {
  var t = ENT[id].type;
  if (!state.types[t]) { state.types[t] = true; if (typeBoxes[t]) { typeBoxes[t].checked = true; } }
  if (!visibleNode[id]) { state.forced[id] = true; applyFilters(); }
  select(id);
}
