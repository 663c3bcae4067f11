// dateline web: the little script the pages need. Served from this server only (the
// Content-Security-Policy forbids inline script); builds every node with textContent, never
// innerHTML, because article text is untrusted.
(function () {
  "use strict";

  function readMarks() {
    var node = document.getElementById("marks-data");
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  // The marks of one highlighted piece, each annotation once (a quote's content, speaker and
  // cue parts share their facts).
  function marksOf(el, marks) {
    var seen = {}, out = [];
    (el.getAttribute("data-marks") || "").split(" ").forEach(function (id) {
      var mark = marks[id], key = id.split(".")[0];
      if (mark && !seen[key]) { seen[key] = true; out.push(mark); }
    });
    return out;
  }

  function describe(list, into) {
    while (into.firstChild) { into.removeChild(into.firstChild); }
    list.forEach(function (mark) {
      var section = document.createElement("section");
      section.className = "mark mark-" + mark.layer;
      var head = document.createElement("h3");
      head.textContent = mark.title;
      section.appendChild(head);
      var dl = document.createElement("dl");
      mark.facts.forEach(function (fact) {
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = fact[0];
        dd.textContent = fact[1];
        dt.setAttribute("data-fact", fact[0]);
        dd.setAttribute("data-fact", fact[0]);
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      section.appendChild(dl);
      if (mark.link && into.id === "inspector") {
        var a = document.createElement("a");
        a.href = mark.link;
        a.textContent = "All about " + (mark.title.split(": ").slice(1).join(": ") || "it") + " →";
        section.appendChild(a);
      }
      into.appendChild(section);
    });
  }

  function setupArticle() {
    var marks = readMarks(), text = document.getElementById("article-text");
    if (!marks || !text) { return; }
    var tip = document.getElementById("mark-tip"), inspector = document.getElementById("inspector");
    var active = null;

    function show(el) {
      var list = marksOf(el, marks);
      if (!list.length) { return; }
      describe(list, tip);
      var box = el.getBoundingClientRect();
      tip.hidden = false;
      tip.style.left = Math.max(8, Math.min(window.scrollX + box.left,
        window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)) + "px";
      tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    }
    function hide() { tip.hidden = true; }
    function select(el) {
      if (active) { active.classList.remove("active"); }
      active = el;
      el.classList.add("active");
      describe(marksOf(el, marks), inspector);
    }

    text.addEventListener("mouseover", function (ev) {
      var el = ev.target.closest(".hl");
      if (el && text.contains(el)) { show(el); }
    });
    text.addEventListener("mouseout", function (ev) {
      var el = ev.target.closest(".hl");
      if (el && !(ev.relatedTarget && el.contains(ev.relatedTarget))) { hide(); }
    });
    text.addEventListener("click", function (ev) {
      var el = ev.target.closest(".hl");
      if (el) { select(el); }
    });
    text.addEventListener("focusin", function (ev) {
      var el = ev.target.closest(".hl");
      if (el) { select(el); show(el); }
    });
    text.addEventListener("focusout", hide);

    var layers = document.getElementById("layers");
    if (layers) {
      layers.addEventListener("change", function (ev) {
        var layer = ev.target.getAttribute("data-layer");
        if (layer) { document.body.classList.toggle("hide-" + layer, !ev.target.checked); }
      });
    }
  }

  // Filter forms apply a chosen type at once; text fields wait for Enter or the button.
  function setupFilters() {
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function setupMap() {
    var map = document.getElementById("world-map"), readout = document.getElementById("map-readout");
    if (!map || !readout) { return; }
    var initial = readout.textContent;
    map.addEventListener("mouseover", function (ev) {
      var dot = ev.target.closest("circle.place"), country = ev.target.closest("path[data-country]");
      var spot = ev.target.closest("circle.incident");
      if (spot) {
        readout.textContent = spot.getAttribute("data-title");
      } else if (dot) {
        var n = dot.getAttribute("data-events");
        readout.textContent = dot.getAttribute("data-place") + ": " + n + " event" +
          (n === "1" ? "" : "s") + " (" + dot.getAttribute("data-summary") + ")";
      } else if (country) {
        readout.textContent = country.querySelector("title").textContent;
      }
    });
    map.addEventListener("mouseleave", function () { readout.textContent = initial; });
  }

  // On a phone each table row is a card (app.css); label each cell with its column's header
  // so the card says what each value is. The labels are plain text, set with setAttribute.
  function labelCells() {
    document.querySelectorAll("table.rows").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) { return; }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i] && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
    });
  }

  // A link to a piece of evidence (?evidence=START-END) brings it into view.
  function showEvidence() {
    var mark = document.getElementById("evidence");
    if (mark && mark.scrollIntoView) { mark.scrollIntoView({block: "center"}); }
  }

  function start() {
    setupArticle();
    showEvidence();
    setupFilters();
    setupMap();
    labelCells();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
