// Combined filtering of the case studies index. Without JavaScript the facet pages do the same
// job one facet at a time, so this only adds to a page that already works.
// It formats nothing itself: each card's markup comes from cards.json as the build rendered it
// (dates in the page's language included), and its few strings from the form's data attributes.
//
// The address holds the filters (?psb=…&theme=…&approach=…&year=…, only the chosen ones), and the
// address is the truth: the list and the controls are drawn from it on load, on Back and Forward
// (popstate) and when the browser restores the page (pageshow), so that a reload, a bookmark or a
// shared link shows the same list, and the browser's own restoring of form values cannot leave a
// control saying one thing while the list shows another. The first change after focus enters the
// form pushes a new address; the changes that follow while focus stays in it (arrow keys on a
// select make one change each) replace it, so that Back leaves the filters in one step.
// The address's values are vocabulary keys (data/taxonomy.yml), the same in both languages: the
// language switch carries them to the other language's list.
// Once the status line gives the list's count (filtered, or just cleared), the total above the
// form is hidden: the page shows one count.
// With no filter the list is page 1 as the build made it, with its pagination; with filters it is
// every match, and the pagination, which pages the whole list, is hidden.
(function () {
  "use strict";
  var form = document.getElementById("rhannu-filters");
  var list = document.getElementById("rhannu-card-list");
  if (!form || !list) return;
  var text = form.dataset;
  // the facets are the form's selects, one per facet data/schema.yml offers as a filter
  var facets = Array.prototype.map.call(form.querySelectorAll("select[name]"), function (select) { return select.name; });
  var status = form.querySelector(".rhannu-filter-status");
  var chosenLine = form.querySelector(".rhannu-filter-chosen");
  var clear = form.querySelector(".rhannu-filter-clear");
  var panel = form.querySelector("details");
  var pagination = [].slice.call(document.querySelectorAll(".rhannu-pagination"));
  var total = document.querySelector(".rhannu-total");
  var switches = [].slice.call(document.querySelectorAll(".rhannu-language-switch__link"));
  var entering = true; // the next change is the first since focus entered the form
  var built = list.innerHTML;
  var cards = null;

  function options(facet) {
    return [].slice.call(form.elements[facet].options).filter(function (option) { return option.value; });
  }

  function matches(card, chosen) {
    return facets.every(function (facet) {
      var wanted = chosen[facet];
      return !wanted || [].concat(card[facet]).indexOf(wanted) !== -1;
    });
  }

  // The filters the address asks for; a value the form does not offer is ignored.
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    facets.forEach(function (facet) {
      var value = params.get(facet);
      var offered = options(facet).some(function (option) { return option.value === value; });
      chosen[facet] = offered ? value : "";
    });
    return chosen;
  }

  function fromControls() {
    var chosen = {};
    facets.forEach(function (facet) { chosen[facet] = form.elements[facet].value; });
    return chosen;
  }

  // This page's address for `chosen`: the chosen filters in a fixed order, other parameters kept.
  function addressFor(chosen) {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) { params.delete(facet); });
    facets.forEach(function (facet) { if (chosen[facet]) params.append(facet, chosen[facet]); });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  // The other language's list, with the same filters (its address without any query of its own).
  function carry(chosen) {
    var params = new URLSearchParams();
    facets.forEach(function (facet) { if (chosen[facet]) params.append(facet, chosen[facet]); });
    var query = params.toString();
    switches.forEach(function (link) {
      var base = link.getAttribute("href").split(/[?#]/)[0];
      link.setAttribute("href", base + (query ? "?" + query : ""));
    });
  }

  function here() {
    return window.location.pathname + window.location.search + window.location.hash;
  }

  // An option that would show nothing beside the other chosen filters is disabled (never the chosen one).
  function narrow(chosen) {
    facets.forEach(function (facet) {
      options(facet).forEach(function (option) {
        var trial = Object.assign({}, chosen);
        trial[facet] = option.value;
        option.disabled = option.value !== chosen[facet] && !cards.some(function (card) { return matches(card, trial); });
      });
    });
  }

  function render(chosen, announce) {
    var filtered = facets.some(function (facet) { return chosen[facet]; });
    facets.forEach(function (facet) { form.elements[facet].value = chosen[facet]; });
    var shown = cards.filter(function (card) { return matches(card, chosen); });
    if (!filtered) {
      list.innerHTML = built;
    } else if (shown.length) {
      list.innerHTML = '<ul class="rhannu-cards">' + shown.map(function (card) { return card.html; }).join("") + "</ul>";
    } else {
      var empty = document.createElement("p");
      empty.className = "rhannu-empty";
      empty.textContent = text.none;
      list.replaceChildren(empty);
    }
    pagination.forEach(function (nav) { nav.hidden = filtered; });
    carry(chosen);
    var names = facets.filter(function (facet) { return chosen[facet]; }).map(function (facet) {
      var select = form.elements[facet];
      return select.options[select.selectedIndex].text;
    });
    chosenLine.textContent = filtered ? text.filteredBy.replace("{filters}", names.join(", ")) : "";
    clear.hidden = !filtered;
    narrow(chosen);
    if (announce || filtered) {
      status.textContent = shown.length === 1 ? text.countOne : text.countOther.replace("{n}", shown.length);
    } else {
      status.textContent = "";
    }
    if (total) total.hidden = status.textContent !== ""; // one count: the status's, once it says one
  }

  function change() {
    var chosen = fromControls();
    var target = addressFor(chosen);
    if (target !== here()) {
      if (entering) window.history.pushState(null, "", target);
      else window.history.replaceState(null, "", target);
      entering = false;
    }
    render(chosen, true);
  }

  function resync() {
    if (cards) render(fromAddress(), false);
  }

  fetch(form.getAttribute("data-cards"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      cards = data;
      var chosen = fromAddress();
      var canonical = addressFor(chosen);
      if (canonical !== here()) window.history.replaceState(null, "", canonical);
      render(chosen, false);
      if (window.matchMedia("(min-width: 60em)").matches) panel.open = true;
      form.hidden = false;
      form.addEventListener("focusin", function (event) {
        if (!event.relatedTarget || !form.contains(event.relatedTarget)) entering = true;
      });
      form.addEventListener("change", change);
      form.addEventListener("submit", function (event) { event.preventDefault(); change(); });
      clear.addEventListener("click", function () {
        facets.forEach(function (facet) { form.elements[facet].value = ""; });
        form.elements[facets[0]].focus();
        change();
      });
      window.addEventListener("popstate", function () {
        entering = true; // a change now must not overwrite the entry Back or Forward led to
        render(fromAddress(), true);
      });
      window.addEventListener("pageshow", resync);
    });
})();
