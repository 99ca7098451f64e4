// Combined filtering of the case studies index. Without JavaScript the facet pages do the same
// job one facet at a time, so this only adds to a page that already works.
// It formats nothing itself: each card's markup comes from cards.json as the build rendered it
// (dates in the page's language included), and its few strings from the form's data attributes.
(function () {
  "use strict";
  var form = document.getElementById("rhannu-filters");
  var list = document.getElementById("rhannu-card-list");
  if (!form || !list) return;
  var text = form.dataset;
  var facets = ["psb", "theme", "approach", "year"].filter(function (facet) { return form.elements[facet]; });
  var status = form.querySelector(".rhannu-filter-status");

  function matches(card, chosen) {
    return facets.every(function (facet) {
      var wanted = chosen[facet];
      return !wanted || [].concat(card[facet]).indexOf(wanted) !== -1;
    });
  }

  function render(cards) {
    var chosen = {};
    facets.forEach(function (facet) { chosen[facet] = form.elements[facet].value; });
    var shown = cards.filter(function (card) { return matches(card, chosen); });
    if (shown.length) {
      list.innerHTML = '<ul class="rhannu-cards">' + shown.map(function (card) { return card.html; }).join("") + "</ul>";
    } else {
      var empty = document.createElement("p");
      empty.className = "rhannu-empty";
      empty.textContent = text.none;
      list.replaceChildren(empty);
    }
    status.textContent = shown.length === 1 ? text.countOne : text.countOther.replace("{n}", shown.length);
  }

  fetch(form.getAttribute("data-cards"))
    .then(function (response) { return response.json(); })
    .then(function (cards) {
      form.hidden = false;
      form.addEventListener("change", function () { render(cards); });
      form.addEventListener("submit", function (event) { event.preventDefault(); render(cards); });
    });
})();
