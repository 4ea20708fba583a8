(function () {
  "use strict";
  function meta(name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : ""; }
  var DOC = meta("document"), CSRF = meta("csrf-token");
  var body = document.querySelector("#segments tbody");
  var statusLine = document.getElementById("status");
  var reviewerInput = document.getElementById("reviewer");
  var segs = [], rows = [], current = -1, editing = null, checkTimer = null, historyFor = -1;
  reviewerInput.value = localStorage.getItem("dragoman-reviewer") || meta("reviewer");
  reviewerInput.addEventListener("change", function () { localStorage.setItem("dragoman-reviewer", reviewerInput.value); });
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function say(text) { statusLine.textContent = text; }
  function api(path, payload) {
    var opts = { credentials: "same-origin", headers: {} };
    if (payload) {
      opts.method = "POST";
      opts.headers["Content-Type"] = "application/json";
      opts.headers["X-CSRF-Token"] = CSRF;
      opts.body = JSON.stringify(payload);
    }
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; });
    });
  }
  var base = "/api/doc/" + encodeURIComponent(DOC);
  function segPath(s) { return base + "/segment/" + encodeURIComponent(s.segment); }
  // Unsaved editor text is kept in the browser until the server has it (a killed server loses nothing).
  function draftKey(s) { return "dragoman-draft:" + DOC + ":" + s.segment; }

  // Text with term spans and footnote markers as superscripts; offsets index ``text``.
  function annotate(text, spans, markerRe) {
    var frag = document.createDocumentFragment();
    var cuts = spans.slice().sort(function (a, b) { return a.start - b.start; });
    var pos = 0;
    function plain(upto) {
      var piece = text.slice(pos, upto), re = /<sup>\s*([^<>\n]{1,12}?)\s*<\/sup>/gi, last = 0, m;
      while ((m = re.exec(piece)) !== null) {
        frag.appendChild(document.createTextNode(piece.slice(last, m.index)));
        frag.appendChild(el("sup", "marker", m[1]));
        last = m.index + m[0].length;
      }
      frag.appendChild(document.createTextNode(piece.slice(last)));
      pos = upto;
    }
    for (var i = 0; i < cuts.length; i++) {
      var c = cuts[i];
      if (c.start < pos || c.end > text.length || c.end <= c.start) continue;
      plain(c.start);
      var span = el("span", "term st-" + c.status, text.slice(c.start, c.end));
      span.setAttribute("data-t", String(c.index));
      span.tabIndex = 0;
      span.title = c.required + " (" + c.entry + ", " + c.category + "): " + c.status;
      frag.appendChild(span);
      pos = c.end;
    }
    plain(text.length);
    return frag;
  }
  function srcSpans(s) {
    return s.terms.map(function (t) { return { start: t.source_start, end: t.source_end, index: t.index, status: t.status, required: t.required, entry: t.entry, category: t.category }; });
  }
  function tgtSpans(s) {
    return s.terms.filter(function (t) { return t.target_start !== null && t.target_end !== null; })
      .map(function (t) { return { start: t.target_start, end: t.target_end, index: t.index, status: t.status, required: t.required, entry: t.entry, category: t.category }; });
  }

  function renderRow(i) {
    var s = segs[i], tr = rows[i];
    tr.textContent = "";
    tr.className = "seg" + (i === current ? " current" : "");
    tr.setAttribute("data-state", s.state);
    tr.setAttribute("data-substate", s.substate || "");
    tr.setAttribute("data-kinds", s.kinds.join(","));
    var idCell = el("td", "sid", s.segment);
    idCell.appendChild(el("br"));
    idCell.appendChild(el("span", "kind", s.kind));
    var src = el("td", "text src");
    src.dir = (s.source_lang === "fa" || s.source_lang === "ar") ? "rtl" : "auto";
    src.lang = /^[a-z]{2,3}$/.test(s.source_lang) ? s.source_lang : "und";
    src.appendChild(annotate(s.source, srcSpans(s)));
    var tgt = el("td", "text tgt");
    tgt.lang = "en";
    tgt.dir = s.reviewable ? "ltr" : src.dir;
    if (editing && editing.index === i) {
      var box = el("textarea", "edit");
      box.value = editing.text;
      box.setAttribute("aria-label", "English of " + s.segment);
      box.addEventListener("input", function () {
        editing.text = box.value;
        try { localStorage.setItem(draftKey(s), box.value); } catch (e) { /* storage full or off */ }
        liveCheck(i);
      });
      tgt.appendChild(box);
      tgt.appendChild(el("div", "live"));
      setTimeout(function () { box.focus(); }, 0);
    } else {
      tgt.appendChild(annotate(s.target, tgtSpans(s)));
    }
    var side = el("td", "fl");
    var badge = el("span", "state s-" + s.state, s.state + (s.substate ? " (" + s.substate + ")" : ""));
    side.appendChild(badge);
    if (s.version) side.appendChild(el("span", "who", " v" + s.version + " " + s.reviewer));
    var ul = el("ul", "flags");
    s.flags.forEach(function (f) { var li = el("li", "f-" + f.severity, f.message); li.setAttribute("data-code", f.code); ul.appendChild(li); });
    side.appendChild(ul);
    s.terms.forEach(function (t) {
      if (t.status !== "review") return;
      var p = el("p", "ambiguous", "\u201c" + t.source_text + "\u201d: ");
      var yes = el("button", "small resolve-entity", t.required);
      var no = el("button", "small resolve-word", "common word");
      yes.addEventListener("click", function () { resolve(i, t.index, "entity"); });
      no.addEventListener("click", function () { resolve(i, t.index, "word"); });
      p.appendChild(yes); p.appendChild(document.createTextNode(" ")); p.appendChild(no);
      side.appendChild(p);
    });
    s.comments.forEach(function (c) { side.appendChild(el("p", "comment", c.reviewer + ": " + c.comment)); });
    if (s.reviewable) {
      var hist = el("button", "small show-history", "History");
      hist.addEventListener("click", function () { toggleHistory(i); });
      side.appendChild(hist);
      side.appendChild(document.createTextNode(" "));
      var prop = el("button", "small propose", "Propose term");
      prop.addEventListener("mousedown", function (e) { e.preventDefault(); });
      prop.addEventListener("click", function () { openPropose(i); });
      side.appendChild(prop);
    }
    tr.appendChild(idCell); tr.appendChild(src); tr.appendChild(tgt); tr.appendChild(side);
    if (historyFor === i) loadHistory(i);
  }

  // A segment's history (who, when, what state and English), from the server's append-only events.
  function stamp(at) { return new Date(at * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC"; }
  function loadHistory(i) {
    var s = segs[i];
    api(segPath(s) + "/history").then(function (r) {
      if (historyFor !== i || r.status !== 200) return;
      var side = rows[i].cells[3], old = side.querySelector(".history");
      if (old) side.removeChild(old);
      var box = el("ol", "history");
      box.setAttribute("aria-label", "History of " + s.segment);
      if (!r.data.events.length) box.appendChild(el("li", "h-none", "no changes yet: the run's English"));
      r.data.events.forEach(function (ev) {
        var li = el("li", ev.undone ? "h-undone" : "");
        li.setAttribute("data-action", ev.action);
        li.appendChild(el("time", "h-at", stamp(ev.at)));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("b", "h-who", ev.reviewer));
        li.appendChild(document.createTextNode(" " + ev.action + " \u2192 " + ev.state + (ev.undone ? " (undone)" : "")));
        li.appendChild(el("div", "h-text", ev.target));
        if (ev.comment) li.appendChild(el("div", "h-comment", ev.comment));
        box.appendChild(li);
      });
      side.appendChild(box);
    }, function () { /* history is optional; the row stays usable */ });
  }
  // Show row i's history (``load``: fetch it now; otherwise the next renderRow does) or hide it.
  function setHistory(i, load) {
    var was = historyFor;
    historyFor = i;
    if (was >= 0 && was < rows.length && was !== i) { var box = rows[was].querySelector(".history"); if (box) box.parentNode.removeChild(box); }
    if (i >= 0 && load) loadHistory(i);
  }
  function toggleHistory(i) {
    if (historyFor === i) { setHistory(-1, false); var box = rows[i].querySelector(".history"); if (box) box.parentNode.removeChild(box); }
    else setHistory(i, true);
  }

  function fillFilters() {
    var flagSel = document.getElementById("f-flag"), termSel = document.getElementById("f-term");
    Object.keys(COUNTS.kinds).forEach(function (k) { var o = el("option", "", k); o.value = k; flagSel.appendChild(o); });
    var seen = {};
    segs.forEach(function (s) { s.terms.forEach(function (t) {
      if (t.category && !seen["c:" + t.category]) { seen["c:" + t.category] = 1; }
      if (!seen["e:" + t.entry]) { seen["e:" + t.entry] = 1; }
    }); });
    Object.keys(seen).sort().forEach(function (k) {
      var o = el("option", "", (k[0] === "c" ? "category: " : "term: ") + k.slice(2)); o.value = k; termSel.appendChild(o);
    });
  }
  var COUNTS = { kinds: {}, states: {} };
  function recount() {
    var states = { initial: 0, translated: 0, reviewed: 0, final: 0 }, kinds = {}, work = 0;
    Object.keys(COUNTS.kinds).forEach(function (k) { kinds[k] = 0; });
    segs.forEach(function (s) {
      if (!s.reviewable) return;
      work++; states[s.state]++;
      s.kinds.forEach(function (k) { kinds[k] = (kinds[k] || 0) + 1; });
    });
    var ul = document.getElementById("counts");
    ul.textContent = "";
    Object.keys(states).forEach(function (k) {
      var li = el("li"); li.setAttribute("data-state", k);
      li.appendChild(el("b", "", String(states[k]))); li.appendChild(document.createTextNode(k)); ul.appendChild(li);
    });
    Object.keys(kinds).forEach(function (k) {
      if (!kinds[k]) return;
      var li = el("li"); li.setAttribute("data-kind", k);
      li.appendChild(el("b", "", String(kinds[k]))); li.appendChild(document.createTextNode(k)); ul.appendChild(li);
    });
    var done = states.reviewed + states.final;
    var li = el("li"); li.appendChild(el("b", "", work ? Math.round(100 * done / work) + "%" : "100%"));
    li.appendChild(document.createTextNode("done")); ul.appendChild(li);
  }
  function applyFilters() {
    var st = document.getElementById("f-state").value, fl = document.getElementById("f-flag").value;
    var tm = document.getElementById("f-term").value, q = document.getElementById("f-search").value;
    var useRe = document.getElementById("f-regex").checked, re = null, shown = 0;
    var searchBox = document.getElementById("f-search");
    searchBox.setCustomValidity("");
    if (q && useRe) { try { re = new RegExp(q, "iu"); } catch (e) { searchBox.setCustomValidity("bad regex"); re = /$^/; } }
    segs.forEach(function (s, i) {
      var ok = true;
      if (st === "rejected") ok = s.substate === "rejected"; else if (st) ok = s.state === st;
      if (ok && fl) ok = s.kinds.indexOf(fl) >= 0;
      if (ok && tm) ok = s.terms.some(function (t) { return tm === "c:" + t.category || tm === "e:" + t.entry; });
      if (ok && q) ok = re ? (re.test(s.source) || re.test(s.target)) : (s.source.toLowerCase().indexOf(q.toLowerCase()) >= 0 || s.target.toLowerCase().indexOf(q.toLowerCase()) >= 0);
      rows[i].classList.toggle("hidden", !ok);
      if (ok) shown++;
    });
    document.getElementById("f-count").textContent = shown + " of " + segs.length + " shown";
  }
  ["f-state", "f-flag", "f-term", "f-regex"].forEach(function (id) { document.getElementById(id).addEventListener("change", applyFilters); });
  document.getElementById("f-search").addEventListener("input", applyFilters);

  function visibleIndexes() {
    var out = [];
    rows.forEach(function (r, i) { if (!r.classList.contains("hidden")) out.push(i); });
    return out;
  }
  function move(step) {
    var vis = visibleIndexes();
    if (!vis.length) return;
    var at = vis.indexOf(current), next;
    if (at < 0) next = step > 0 ? vis[0] : vis[vis.length - 1];
    else next = vis[Math.max(0, Math.min(vis.length - 1, at + step))];
    select(next);
  }
  function select(i) {
    var old = current;
    current = i;
    if (old >= 0 && old < rows.length) rows[old].classList.remove("current");
    rows[i].classList.add("current");
    rows[i].scrollIntoView({ block: "nearest" });
  }
  function update(i, seg) { segs[i] = seg; renderRow(i); recount(); applyFilters(); }
  function send(i, action, extra) {
    var s = segs[i];
    var payload = { action: action, version: s.version, reviewer: reviewerInput.value };
    Object.keys(extra || {}).forEach(function (k) { payload[k] = extra[k]; });
    return api(segPath(s), payload).then(function (r) {
      if (r.status === 200) {
        editing = null;
        try { localStorage.removeItem(draftKey(s)); } catch (e) { /* ignore */ }
        update(i, r.data); say(s.segment + ": " + action + " saved"); return true;
      }
      if (r.status === 409) {
        var msg = el("p", "conflict", "Conflict: " + r.data.error + ". Your text is kept in the editor; reload to see theirs.");
        rows[i].cells[3].appendChild(msg);
        say(s.segment + ": conflict");
        return false;
      }
      say(s.segment + ": " + (r.data.error || "error " + r.status));
      return false;
    }, function () {
      say(s.segment + ": server unreachable; your text is kept (also in this browser); save again when it is back");
      return false;
    });
  }
  function openEditor(i) {
    if (!segs[i].reviewable) return;
    var draft = null;
    try { draft = localStorage.getItem(draftKey(segs[i])); } catch (e) { draft = null; }
    editing = { index: i, text: draft !== null ? draft : segs[i].target };
    setHistory(i, false);  // renderRow below loads it
    if (draft !== null && draft !== segs[i].target) say(segs[i].segment + ": unsaved draft restored");
    renderRow(i);
    liveCheck(i);
  }
  function liveCheck(i) {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(function () {
      if (!editing || editing.index !== i) return;
      api(segPath(segs[i]) + "/check", { target: editing.text }).then(function (r) {
        var box = rows[i].querySelector(".live");
        if (!box || r.status !== 200) return;
        var missing = r.data.terms.filter(function (t) { return t.status === "missing"; }).map(function (t) { return t.required; });
        var errors = r.data.flags.filter(function (f) { return f.severity === "error"; }).map(function (f) { return f.message; });
        box.textContent = missing.length ? "Required term missing: " + missing.join(", ") : errors.join("; ");
        box.setAttribute("data-missing", missing.join("|"));
      });
    }, 150);
  }
  function resolve(i, term, choice) {
    api(segPath(segs[i]) + "/term", { term: term, choice: choice, reviewer: reviewerInput.value }).then(function (r) {
      if (r.status === 200) { update(i, r.data); say(segs[i].segment + ": term resolved as " + choice); }
      else say(r.data.error || "error");
    });
  }
  function reject(i) {
    var side = rows[i].cells[3];
    var input = el("input", "reject-comment"); input.placeholder = "what is wrong? Enter to reject";
    side.appendChild(input); input.focus();
    input.addEventListener("keydown", function (e) {
      e.stopPropagation();
      if (e.key === "Enter" && input.value.trim()) send(i, "reject", { comment: input.value });
      if (e.key === "Escape") renderRow(i);
    });
  }
  var dialog = document.getElementById("propose"), proposing = -1;
  function openPropose(i) {
    proposing = i;
    var sel = window.getSelection ? String(window.getSelection()) : "";
    var node = window.getSelection && window.getSelection().anchorNode;
    var inSrc = node && node.parentElement && node.parentElement.closest("td.src");
    document.getElementById("p-source").value = inSrc ? sel.trim() : "";
    document.getElementById("p-english").value = inSrc ? "" : sel.trim();
    document.getElementById("p-result").textContent = "";
    dialog.showModal();
  }
  document.getElementById("p-cancel").addEventListener("click", function () { dialog.close(); });
  document.getElementById("propose-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var s = segs[proposing];
    api(segPath(s) + "/propose", {
      source: document.getElementById("p-source").value, english: document.getElementById("p-english").value,
      category: document.getElementById("p-category").value, reviewer: reviewerInput.value,
    }).then(function (r) {
      var out = document.getElementById("p-result");
      if (r.status === 200) { out.textContent = "added " + r.data.entry + " to " + r.data.file; say("proposed " + r.data.entry); setTimeout(function () { dialog.close(); }, 300); }
      else out.textContent = r.data.error || "error";
    });
  });

  document.addEventListener("keydown", function (e) {
    if (dialog.open) return;
    var t = e.target;
    if (editing && t.tagName === "TEXTAREA") {
      var i = editing.index;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        send(i, "accept", { target: editing.text }).then(function (ok) { if (ok) move(1); });
      } else if (e.key === "Enter" && e.shiftKey) {
        e.preventDefault(); send(i, "edit", { target: editing.text });
      } else if (e.key === "Enter") {
        e.preventDefault();  // one line per segment
      } else if (e.key === "Escape") {
        editing = null; renderRow(i);
      }
      return;
    }
    if (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j" || e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "k" || e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (current < 0) return;
    else if (e.key === "Enter" || e.key === "e") { e.preventDefault(); openEditor(current); }
    else if (e.key === "a") { e.preventDefault(); var c = current; send(c, "accept").then(function (ok) { if (ok) move(1); }); }
    else if (e.key === "f") { e.preventDefault(); send(current, "final"); }
    else if (e.key === "u") { e.preventDefault(); send(current, "undo"); }
    else if (e.key === "r") { e.preventDefault(); reject(current); }
    else if (e.key === "h") { e.preventDefault(); toggleHistory(current); }
    else if (e.key === "/") { e.preventDefault(); document.getElementById("f-search").focus(); }
  });
  document.addEventListener("mouseover", function (e) {
    var old = document.querySelectorAll(".term.hl");
    for (var k = 0; k < old.length; k++) old[k].classList.remove("hl");
    var term = e.target.closest && e.target.closest("[data-t]");
    if (!term) return;
    var row = term.closest("tr.seg"), key = term.getAttribute("data-t");
    if (!/^[0-9]+$/.test(key)) return;
    var pair = row.querySelectorAll('[data-t="' + key + '"]');
    for (var j = 0; j < pair.length; j++) pair[j].classList.add("hl");
  });
  body.addEventListener("click", function (e) {
    var tr = e.target.closest && e.target.closest("tr.seg");
    if (tr && !(editing && editing.index === rows.indexOf(tr))) select(rows.indexOf(tr));
  });

  api(base).then(function (r) {
    if (r.status !== 200) { say(r.data.error || "cannot load"); return; }
    segs = r.data.segments;
    COUNTS = r.data.counts;
    segs.forEach(function (s, i) { var tr = el("tr", "seg"); tr.id = "seg-" + i; rows.push(tr); body.appendChild(tr); renderRow(i); });
    fillFilters(); recount(); applyFilters();
    document.body.setAttribute("data-ready", "1");
  });
})();
