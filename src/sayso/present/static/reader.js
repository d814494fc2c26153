// The reader: a click on a highlighted passage shows what was extracted from it; a link to a
// place in a document (#at-OFFSET, or #doc-ID-at-OFFSET in a report) scrolls to it; a quote,
// actor or figure reached by Tab opens with Enter; a link
// from a search (?q=WORDS) marks the words searched for and scrolls to the first.
(function () {
  function show(article, target) {
    var details = JSON.parse(article.querySelector("script.details").textContent);
    var panel = article.querySelector(".detail");
    panel.textContent = "";
    function add(title, rows) {
      var h = document.createElement("h3");
      h.textContent = title;
      panel.appendChild(h);
      var dl = document.createElement("dl");
      rows.forEach(function (row) {
        if (row[1] === null || row[1] === undefined || row[1] === "") return;
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = row[0];
        dd.textContent = String(row[1]);
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      panel.appendChild(dl);
    }
    if (target.dataset.quote !== undefined) {
      var q = details.quotes[Number(target.dataset.quote)];
      add("Quote", [["speaker", q.speaker], ["type", q.speaker_type], ["words used", q.mention],
        ["kind", q.kind], ["cue", q.cue], ["confidence", q.confidence], ["text", q.text]]);
    }
    if (target.dataset.entity !== undefined) {
      var e = details.entities[Number(target.dataset.entity)];
      add("Actor", [["name", e.name], ["type", e.type], ["id", e.id]]);
    }
    if (target.dataset.figure !== undefined) {
      var f = details.figures[Number(target.dataset.figure)];
      add("Figure", [["as written", f.text], ["value", f.value], ["to", f.high], ["unit", f.unit],
        ["counts", f.counted], ["qualifier", f.qualifier], ["source", f.source]]);
    }
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-quote], [data-entity], [data-figure]");
    var article = target && target.closest("article.reader");
    if (article) show(article, target);
  });
  // a passage reached by Tab opens with Enter or Space, as a button does
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var target = event.target.closest && event.target.closest("[tabindex][data-start]");
    var article = target && target.closest("article.reader");
    if (!article) return;
    event.preventDefault();
    show(article, target);
  });
  function jump() {
    var match = /^#(?:doc-([0-9a-f]+)-)?at-(\d+)$/.exec(window.location.hash);
    if (!match) return;
    var scope = match[1] ? document.getElementById("doc-" + match[1]) : document;
    if (!scope) return;
    var offset = Number(match[2]), best = null;
    scope.querySelectorAll("[data-start]").forEach(function (el) {
      if (Number(el.dataset.start) <= offset) best = el;
    });
    if (best) {
      best.scrollIntoView({ block: "center" });
      best.classList.add("flash");
      var article = best.closest("article.reader");
      if (article) show(article, best);
    }
  }
  function markSearched() {
    var query = new URLSearchParams(window.location.search).get("q");
    var body = document.querySelector("article.reader .body");
    if (!query || !body) return;
    var terms = (query.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*\*?/gu) || [])
      .filter(function (t) { return !/^(AND|OR|NOT|NEAR)$/.test(t); })
      .map(function (t) {
        var word = t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return t.endsWith("*") ? word.slice(0, -2) + "[\\p{L}\\p{N}]*" : word;
      });
    if (!terms.length) return;
    var pattern = new RegExp(
      "(?<![\\p{L}\\p{N}])(?:" + terms.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT), nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, at = 0, parts = document.createDocumentFragment(), found;
      pattern.lastIndex = 0;
      while ((found = pattern.exec(text)) !== null) {
        parts.appendChild(document.createTextNode(text.slice(at, found.index)));
        var mark = document.createElement("mark");
        mark.className = "searched";
        mark.textContent = found[0];
        parts.appendChild(mark);
        at = found.index + found[0].length;
      }
      if (!at) return;
      parts.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(parts, node);
    });
    var first = body.querySelector("mark.searched");
    if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", jump);
  jump();
  markSearched();
})();
