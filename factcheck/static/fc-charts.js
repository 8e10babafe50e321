// Upgrade each static chart to an interactive one, with the Vega bundle
// served from this book's own _static folder (never a CDN). Each chart comes
// in two layouts, each drawn at its own size: the wide one where the column
// is as wide as the figure's data-wide (a laptop), else the narrow one (a
// phone); the choice is made again when the column changes width. The static
// SVG stays in place until the interactive chart has rendered.
(function () {
  const bundle = new URL("fc-vega-bundle.js", document.currentScript.src).href;

  // The column's width is the figure's: the drawn chart's own box shrinks to
  // the chart, so it would measure a wide chart as too narrow for itself.
  function layout(figure) {
    const wide = Number(figure.dataset.wide || 0);
    return figure.clientWidth >= wide ? "wide" : "narrow";
  }

  function render(figure) {
    const chosen = layout(figure);
    if (figure.dataset.layout === chosen) return Promise.resolve();
    figure.dataset.layout = chosen;
    const script = figure.querySelector(chosen === "wide" ? "script.fc-chart-spec" : "script.fc-chart-spec-narrow");
    const target = figure.querySelector(".fc-chart-live");
    return window
      .vegaEmbed(target, JSON.parse(script.textContent), { renderer: "svg", actions: false })
      .then(() => figure.classList.add("is-live"))
      .catch((error) => console.error("chart " + figure.id + " failed:", error));
  }

  function start() {
    const figures = document.querySelectorAll("figure.fc-chart");
    if (!figures.length) return;
    const script = document.createElement("script");
    script.src = bundle;
    script.onload = () => {
      figures.forEach(render);
      let pending;
      window.addEventListener("resize", () => {
        clearTimeout(pending);
        pending = setTimeout(() => figures.forEach(render), 200);
      });
    };
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
