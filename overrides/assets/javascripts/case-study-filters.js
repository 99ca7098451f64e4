// Combined filtering of the case studies index. Without JavaScript the facet pages do the same
// job one facet at a time, so this only adds to a page that already works.
(function () {
  "use strict";
  var form = document.getElementById("rhannu-filters");
  var list = document.getElementById("rhannu-card-list");
  if (!form || !list) return;
  var welsh = document.documentElement.lang === "cy";
  var text = welsh
    ? { one: "1 astudiaeth achos", other: "{n} astudiaeth achos", none: "Nid oes astudiaeth achos yn cyfateb i'r hidlwyr hyn.", themes: "Themâu" }
    : { one: "1 case study", other: "{n} case studies", none: "No case study matches these filters.", themes: "Themes" };
  var facets = ["psb", "theme", "approach", "year"];
  var status = form.querySelector(".rhannu-filter-status");
  var labels = {};
  facets.forEach(function (facet) {
    labels[facet] = {};
    Array.prototype.forEach.call(form.elements[facet].options, function (option) {
      labels[facet][option.value] = option.textContent;
    });
  });

  function matches(card, chosen) {
    return facets.every(function (facet) {
      var wanted = chosen[facet];
      if (!wanted) return true;
      var values = [].concat(card[facet]);
      return values.indexOf(wanted) !== -1;
    });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function formatDate(iso) {
    var parts = iso.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return date.toLocaleDateString(welsh ? "cy" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function render(cards) {
    var chosen = {};
    facets.forEach(function (facet) { chosen[facet] = form.elements[facet].value; });
    var shown = cards.filter(function (card) { return matches(card, chosen); });
    list.textContent = "";
    if (!shown.length) {
      list.appendChild(element("p", "rhannu-empty", text.none));
    } else {
      var ul = element("ul", "rhannu-cards");
      shown.forEach(function (card) {
        var li = element("li", "rhannu-card");
        var heading = element("h2", "rhannu-card__title");
        var link = element("a", "", card.title);
        link.href = card.url;
        heading.appendChild(link);
        li.appendChild(heading);
        var meta = element("p", "rhannu-card__meta", labels.psb[card.psb] + " · ");
        var time = element("time", "", formatDate(card.date));
        time.setAttribute("datetime", card.date);
        meta.appendChild(time);
        li.appendChild(meta);
        li.appendChild(element("p", "", card.summary));
        var themes = element("p", "rhannu-card__themes");
        themes.appendChild(element("span", "rhannu-card__label", text.themes + ":"));
        themes.appendChild(document.createTextNode(" " + card.theme.map(function (t) { return labels.theme[t]; }).join(", ")));
        li.appendChild(themes);
        ul.appendChild(li);
      });
      list.appendChild(ul);
    }
    status.textContent = shown.length === 1 ? text.one : text.other.replace("{n}", shown.length);
  }

  fetch(form.getAttribute("data-cards"))
    .then(function (response) { return response.json(); })
    .then(function (cards) {
      form.hidden = false;
      form.addEventListener("change", function () { render(cards); });
      form.addEventListener("submit", function (event) { event.preventDefault(); render(cards); });
    });
})();
