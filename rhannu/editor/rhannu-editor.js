// The editor's preview drawn as the site draws a page: the stylesheets the site's home page links
// to (their names carry the theme's hashes, so they are read from the page rather than written
// here), and each entry's title and text inside the article markup those styles are written for.
(function () {
  "use strict";
  const CMS = window.CMS;
  const h = window.h; // React's createElement, which Decap's bundle provides

  function SitePreview(props) {
    const title = props.entry.getIn(["data", "title"]);
    return h(
      "div",
      { className: "md-content" },
      h("article", { className: "md-content__inner md-typeset" }, title ? h("h1", null, title) : null, props.widgetFor("body")),
    );
  }

  for (const name of JSON.parse(document.currentScript.dataset.collections || "[]")) {
    CMS.registerPreviewTemplate(name, SitePreview);
  }

  // The site's home page beside /admin/: "../", not "/", for a site published under a path
  // (https://owner.github.io/site/admin/ on GitHub Pages); the same page under `rhannu edit`.
  const home = new URL("../", window.location.href);
  fetch(home, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : ""))
    .then((html) => {
      const page = new DOMParser().parseFromString(html, "text/html");
      for (const link of page.querySelectorAll('link[rel="stylesheet"][href]')) {
        const address = new URL(link.getAttribute("href"), home);
        if (address.origin === home.origin) CMS.registerPreviewStyle(address.pathname);
      }
      // The site's own icon for the editor's tab (the page names an empty one until then, so the
      // browser does not ask for a /favicon.ico the site may not have).
      const icon = page.querySelector('link[rel~="icon"][href]');
      if (icon) document.querySelector('link[rel~="icon"]').href = new URL(icon.getAttribute("href"), home).pathname;
    })
    .catch(() => undefined); // no preview yet: the editor still works, with Decap's own preview styles
})();
