// Search result snippets show what a reader reads: not a chart's drawing
// (its SVG text), its data spec or the page's code.
(function () {
  // nor the page furniture around it: contents, header buttons, previous and next links
  const NOT_READ = ".headerlink, script, style, svg, .fc-chart-spec, .cell_input, .onlyprint, .section-nav, .bd-sidebar-secondary, .bd-header-article, .prev-next-area";

  function patch() {
    if (typeof Search === "undefined" || Search.fcPatched) return;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      page.querySelectorAll(NOT_READ).forEach((element) => element.remove());
      const main = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
      const block = anchor && main ? main.querySelector(anchor) : null;
      return (block || main)?.textContent ?? "";
    };
    Search.fcPatched = true;
  }
  patch();
  document.addEventListener("DOMContentLoaded", patch);
})();
