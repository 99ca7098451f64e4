// The editor's preview drawn with the site's own styles: the stylesheets the site's home page
// links to, as the preview at / serves them (their names carry the theme's hashes, so they are
// read from the page rather than written here).
(function () {
  "use strict";
  const home = new URL("/", window.location.href);
  fetch(home, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : ""))
    .then((html) => {
      const page = new DOMParser().parseFromString(html, "text/html");
      for (const link of page.querySelectorAll('link[rel="stylesheet"][href]')) {
        const address = new URL(link.getAttribute("href"), home);
        if (address.origin === home.origin) window.CMS.registerPreviewStyle(address.pathname);
      }
    })
    .catch(() => undefined); // no preview yet: the editor still works, with Decap's own preview styles
})();
