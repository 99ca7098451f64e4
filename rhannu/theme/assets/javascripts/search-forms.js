// Material's search, completed for a bilingual site. Loaded before Material's bundle
// (overrides/main.html), on every page; on Welsh pages after the Welsh forms plugin
// (lunr/min/lunr.cy.min.js), which defines `rhannuWelshForms` on a page.
//
// 1. The words a search found, marked on the page a result leads to (search.highlight, ?h=): on a
//    Welsh page, every word the search matched is marked, in whichever of its forms the text
//    writes it ("Mhowys" marks "Bowys", "tim" marks "tîm"), as the results list marks it; where
//    Material's own marking only finds the letters as typed. The rule is the index's own: a word
//    is marked when one of its forms (`forms`) starts with a typed term. Material reads the
//    address once, as its DOMContentLoaded listener mounts the page, so `h` is taken out of it
//    before then and put back after (a reload marks the page again). English pages keep Material's.
// 2. A search that finds nothing offers the same search in the other language: a link, under
//    "No matching documents", to this page's twin with the query in `?q=` (which Material's
//    search box opens with). Its text is on the language switch's data-rhannu-search.
(function () {
  "use strict";

  var welsh = self.rhannuWelshForms;
  var address = new URL(location.href);
  var typed = address.searchParams.get("h");
  if (welsh && typed) {
    address.searchParams.delete("h");
    history.replaceState(history.state, "", address.href);
    document.addEventListener("DOMContentLoaded", function () {
      var content = document.querySelector('[data-md-component="content"]');
      if (content) markFound(content, terms(typed), welsh.forms);
      // after every DOMContentLoaded listener, Material's (which reads the address) included
      setTimeout(function () {
        var back = new URL(location.href);
        back.searchParams.set("h", typed);
        history.replaceState(history.state, "", back.href);
      });
    }, { once: true });
  }

  /** The terms Material's `h` holds ("mhowys caerdydd"), as lunr reads them: lower case. */
  function terms(value) {
    return value.toLowerCase().split(/[\s*+\-:~^]+/).filter(Boolean);
  }

  /** Mark each visible word under `root` that one of `wanted` finds (the index's rule). */
  function markFound(root, wanted, forms) {
    var seen = new Map();
    function found(word) {
      var key = word.toLowerCase();
      if (!seen.has(key)) {
        seen.set(key, forms(key).some(function (form) {
          return wanted.some(function (term) { return form.startsWith(term); });
        }));
      }
      return seen.get(key);
    }
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (parent && parent.offsetHeight && !parent.closest("mark, script, style")) nodes.push(node);
    }
    nodes.forEach(function (node) {
      // words as the index splits them (at spaces and hyphens), marked without the punctuation
      // around them
      var parts = node.textContent.split(/([\s\-]+)/);
      var marked = false;
      var pieces = parts.map(function (part, i) {
        var word = i % 2 ? "" : part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        if (!word || !found(word)) return document.createTextNode(part);
        marked = true;
        var start = part.indexOf(word);
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = word;
        var piece = document.createDocumentFragment();
        piece.append(part.slice(0, start), mark, part.slice(start + word.length));
        return piece;
      });
      if (marked) node.replaceWith.apply(node, pieces);
    });
  }

  // 2. The same search in the other language
  var result = document.querySelector('[data-md-component="search-result"]');
  var meta = result && result.querySelector(".md-search-result__meta");
  var query = document.querySelector('[data-md-component="search-query"]');
  var twin = document.querySelector(".rhannu-language-switch__link[data-rhannu-search]");
  var config = document.getElementById("__config");
  if (!meta || !query || !twin || !config) return;
  var none = JSON.parse(config.textContent).translations["search.result.none"];
  // The offer is in the page only while a search finds nothing: Material's arrow keys move through
  // every link in the results box, and a hidden one there would be a step that goes nowhere.
  var offer = document.createElement("p");
  offer.className = "rhannu-search-elsewhere";
  var link = document.createElement("a");
  link.hreflang = twin.hreflang;
  link.textContent = twin.getAttribute("data-rhannu-search");
  offer.appendChild(link);
  function update() {
    var value = query.value.trim();
    if (!(value && meta.textContent === none)) {
      offer.remove();
      return;
    }
    var target = new URL(twin.getAttribute("href"), location.href);
    target.search = "";
    target.hash = "";
    target.searchParams.set("q", value);
    link.href = target.href;
    if (!offer.isConnected) meta.after(offer);
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
})();
