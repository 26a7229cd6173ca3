// Instant navigation on any host. mkdocs-material's instant navigation takes over only links to
// pages listed in sitemap.xml, matched by their full address; mkdocs writes the sitemap with
// mkdocs.yml's placeholder site_url, as a static site cannot know where it will be hosted.
// When Material asks for the sitemap, this gives it the sitemap with the placeholder replaced by
// where the site really is (any host, port or sub-path). It also asks for pages without their
// query: a calculator's address carries the figures typed into it, and the server need not see
// them. Inlined in the <head> of every page (overrides/main.html), before Material's scripts.
(function () {
  var script = document.currentScript;
  if (!script || window.__calcSitemapShim) return;
  window.__calcSitemapShim = true;
  var root = new URL(script.dataset.root, location.href).href;
  var placeholder = script.dataset.placeholder;
  var sitemap = root + "sitemap.xml";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var target = new URL(url, location.href);
    if (target.href.indexOf(root) === 0 && /\/$/.test(target.pathname)) {
      target.search = "";
      args[1] = target.href;
    }
    this.__calcSitemap = target.href === sitemap;
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__calcSitemap) return send.apply(this, arguments);
    var xhr = this;
    fetch(sitemap)
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(new Error(String(response.status)));
      })
      .then(
        function (text) {
          var fixed = new Blob([text.split(placeholder).join(root)], { type: "application/xml" });
          open.call(xhr, "GET", URL.createObjectURL(fixed));
          send.call(xhr);
        },
        function () {
          send.call(xhr);
        },
      );
  };
})();
