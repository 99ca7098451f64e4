// Material's search results sit in a scrolling box that it makes a focus stop of its own
// (tabindex="0"), so that a long list can be scrolled from the keyboard. With no results (search
// closed, nothing typed, nothing found) that stop is an empty, unseen box: the build removes its
// tabindex (rhannu/material_theme.py) and this gives it back only while there are results. The
// results themselves are reached with the arrow keys from the query, as Material makes them.
(function () {
  "use strict";
  var box = document.querySelector(".md-search__scrollwrap");
  var list = document.querySelector(".md-search-result__list");
  if (!box || !list) return;
  function update() {
    if (list.children.length) box.setAttribute("tabindex", "0");
    else box.removeAttribute("tabindex");
  }
  new MutationObserver(update).observe(list, { childList: true });
  update();
})();
