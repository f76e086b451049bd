/* newsgraph interactive view: the side panel (an entity, a relation and its evidence). */

var FAMILY_RANK = {};
DATA.legend.familyOrder.forEach(function (f, i) { FAMILY_RANK[f] = i; });
var MAX_COOC_LISTED = 60;

function openPanel(children) {
  var body = $("ng-panel-body");
  clear(body);
  children.forEach(function (c) { body.appendChild(c); });
  $("ng-panel").hidden = false;
  body.scrollTop = 0;
}

function closePanel() { $("ng-panel").hidden = true; syncSize(); }

$("ng-panel-close").addEventListener("click", function () { closePanel(); unselect(); });
document.addEventListener("keydown", function (ev) {
  if (ev.key === "Escape" && document.activeElement !== $("ng-search")) { closePanel(); unselect(); }
});

function section(title, content) {
  return el("div", null, [el("h3", null, [title]), content]);
}

function safeUrl(url) { return /^https?:\/\//i.test(String(url || "")) ? String(url) : null; }

/* One document: its title (a link when the document has a URL), date, outlet, file. */
function docLine(ref) {
  var d = DOCS[ref] || {};
  var url = safeUrl(d.url), name = d.title || d.id;
  var head = url
    ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", className: "ng-doc" }, [name])
    : el("strong", { className: "ng-doc" }, [name]);
  var bits = [d.date ? day(d.date) : null, d.outlet || null].filter(Boolean);
  var out = [head];
  if (bits.length) { out.push(" \u2014 " + bits.join(", ")); }
  if (d.path) { out.push(" ", el("span", { className: "ng-path" }, [d.path])); }
  return out;
}

function entityButton(id) {
  return el("button", { type: "button", className: "ng-linkish",
    onclick: function () { focusEntity(id); } }, [ENT[id] ? ENT[id].name : id]);
}

function outletsOf(refs) {
  var seen = {};
  refs.forEach(function (r) { if (DOCS[r] && DOCS[r].outlet) { seen[DOCS[r].outlet] = true; } });
  return Object.keys(seen).length;
}

/* "3 sentences in 2 documents from 2 outlets" */
function sourceSummary(sentences, refs) {
  var text = plural(sentences, "sentence") + " in " + plural(refs.length, "document");
  var outlets = outletsOf(refs);
  return outlets ? text + " from " + plural(outlets, "outlet") : text;
}

function relationItem(id, eid) {
  var r = REL[eid], e = ENT[id];
  var outgoing = r.from === id, other = outgoing ? r.to : r.from;
  var text = outgoing || r.symmetric ? r.label + " " + ENT[other].name
    : ENT[other].name + " " + r.label + " " + e.name;
  return el("li", null, [
    el("button", { type: "button", className: "ng-linkish", onclick: function () { showRelation(eid); } }, [text]),
    el("span", { className: "ng-tag" }, [r.status]),
    el("span", { className: "ng-tag" }, [plural(r.docs, "document")])
  ]);
}

function showEntity(id) {
  var e = ENT[id];
  var st = typeStyle[e.type] || { shape: "hexagon", color: "#7f7f7f" };
  var out = [
    el("h2", { className: "ng-name" }, [e.name]),
    el("div", { className: "ng-kind" }, [swatch(st.shape, st.color), e.type,
      " \u00b7 " + plural(e.mentions, "mention") + " \u00b7 " + fmt(e.degree) + (e.degree === 1 ? " related entity" : " related entities")])
  ];
  if (e.aliases.length) {
    out.push(section("Also called", el("ul", { className: "ng-aliases" },
      e.aliases.map(function (a) { return el("li", null, [a]); }))));
  }
  if (e.titles.length) {
    out.push(section("Titles", el("ul", null, e.titles.map(function (a) { return el("li", null, [a]); }))));
  }
  var codes = Object.keys(e.codes);
  if (codes.length) {
    var dl = el("dl");
    codes.forEach(function (k) { dl.appendChild(el("dt", null, [k])); dl.appendChild(el("dd", null, [e.codes[k]])); });
    out.push(section("Codes", dl));
  }
  var typed = [], cooc = [];
  adjacency[id].forEach(function (eid) { (REL[eid].type === COOC ? cooc : typed).push(eid); });
  // Relations by family (events before roles), then by weight, then by name.
  function famRank(f) { return f in FAMILY_RANK ? FAMILY_RANK[f] : FAMILY_RANK[""]; }
  function otherName(eid) { var r = REL[eid]; return ENT[r.from === id ? r.to : r.from].name; }
  typed.sort(function (a, b) {
    var ra = REL[a], rb = REL[b];
    return famRank(ra.family) - famRank(rb.family) || rb.docs - ra.docs || rb.weight - ra.weight ||
      (otherName(a) < otherName(b) ? -1 : otherName(a) > otherName(b) ? 1 : 0);
  });
  if (typed.length) {
    var list = el("ul", { className: "ng-relations" }), fam = null;
    typed.forEach(function (eid) {
      var f = REL[eid].family;
      if (f !== fam) {
        fam = f;
        list.appendChild(el("li", { className: "ng-family" }, [line(familyColor[f] || "#555", false), f || "other"]));
      }
      list.appendChild(relationItem(id, eid));
    });
    out.push(section("Relations", list));
  }
  if (cooc.length) {
    cooc.sort(function (a, b) { return REL[b].weight - REL[a].weight || REL[b].docs - REL[a].docs; });
    var items = cooc.slice(0, MAX_COOC_LISTED).map(function (eid) {
      var r = REL[eid], other = r.from === id ? r.to : r.from;
      return el("li", null, [el("button", { type: "button", className: "ng-linkish",
        onclick: function () { showRelation(eid); } }, [ENT[other].name]),
        el("span", { className: "ng-tag" }, [plural(r.weight, "sentence")])]);
    });
    if (cooc.length > MAX_COOC_LISTED) {
      items.push(el("li", { className: "ng-more" }, ["and " + fmt(cooc.length - MAX_COOC_LISTED) + " more"]));
    }
    out.push(section("Mentioned with", el("ul", null, items)));
  }
  if (e.docs.length) {
    out.push(section("Documents", el("ul", { className: "ng-docs" },
      e.docs.map(function (d) { return el("li", null, docLine(d)); }))));
  }
  openPanel(out);
}

function highlighted(sentence, mark) {
  var s = String(sentence || ""), bq = el("blockquote");
  if (mark && mark[0] >= 0 && mark[1] > mark[0] && mark[1] <= s.length) {
    bq.appendChild(document.createTextNode(s.slice(0, mark[0])));
    bq.appendChild(el("mark", null, [s.slice(mark[0], mark[1])]));
    bq.appendChild(document.createTextNode(s.slice(mark[1])));
  } else {
    bq.textContent = s;
  }
  return bq;
}

/* One merged evidence item: the sentence, then each document that has it. */
function evidenceItem(ev) {
  var extra = [];
  if (ev.according_to) {
    extra.push(el("span", null, ["according to ",
      ev.according_id && ENT[ev.according_id] ? entityButton(ev.according_id) : ev.according_to]));
  }
  if (ev.status) { extra.push(ev.status); }
  if (ev.role) { extra.push("role: " + ev.role); }
  if (typeof ev.confidence === "number") { extra.push("confidence " + ev.confidence.toFixed(2)); }
  if (ev.count > ev.docs.length) { extra.push("repeated " + plural(ev.count, "time")); }
  var cites = ev.docs.map(function (ref, i) {
    var bits = docLine(ref);
    if (i === 0 && extra.length) {
      extra.forEach(function (x) { bits.push(" \u00b7 ", x); });
    }
    return el("div", { className: "ng-cite" }, bits);
  });
  return el("li", null, [highlighted(ev.sentence, ev.mark)].concat(cites));
}

function showRelation(eid) {
  var r = REL[eid], cooc = r.type === COOC;
  if (edgeView.get(eid)) { network.selectEdges([eid]); }
  var dl = el("dl");
  [["type", r.type], ["family", r.family], ["status", cooc ? "" : r.status],
   ["first seen", day(r.first_seen)], ["last seen", day(r.last_seen)],
   ["CAMEO", r.cameo], ["PLOVER", r.plover]].forEach(function (kv) {
    if (kv[1]) { dl.appendChild(el("dt", null, [kv[0]])); dl.appendChild(el("dd", null, [kv[1]])); }
  });
  var body;
  if (!cooc) {
    body = section("Evidence", el("ul", { className: "ng-evidence" }, r.evidence.map(evidenceItem)));
  } else if (r.sentences) {
    body = section("Evidence", el("ul", { className: "ng-evidence" }, r.sentences.map(function (row) {
      return evidenceItem({ sentence: row[0], mark: null, docs: row[1], count: row[1].length });
    })));
  } else {
    body = section("Documents", el("ul", { className: "ng-docs" }, r.docRefs.map(function (d) {
      return el("li", null, docLine(d));
    })));
  }
  openPanel([
    el("h2", { className: "ng-name" }, [entityButton(r.from),
      " " + (cooc ? "mentioned with" : r.label) + " ", entityButton(r.to)]),
    el("div", { className: "ng-kind" }, [line(familyColor[r.family] || "#555", !FACTUAL[r.status]),
      r.symmetric ? "symmetric" : "directed"]),
    el("p", { className: "ng-sources" }, [sourceSummary(r.weight, r.docRefs)]),
    dl,
    body
  ]);
}
