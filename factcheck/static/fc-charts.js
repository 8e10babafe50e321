// Upgrade each static chart to an interactive one, with the Vega bundle
// served from this book's own _static folder (never a CDN). The static SVG
// stays in place until the interactive chart has rendered.
(function () {
  const bundle = new URL("fc-vega-bundle.js", document.currentScript.src).href;

  function render(figure) {
    const spec = JSON.parse(figure.querySelector("script.fc-chart-spec").textContent);
    const target = figure.querySelector(".fc-chart-live");
    return window
      .vegaEmbed(target, spec, { renderer: "svg", actions: false })
      .then(() => figure.classList.add("is-live"))
      .catch((error) => console.error("chart " + figure.id + " failed:", error));
  }

  function start() {
    const figures = document.querySelectorAll("figure.fc-chart");
    if (!figures.length) return;
    const script = document.createElement("script");
    script.src = bundle;
    script.onload = () => figures.forEach(render);
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
