// Static-page version of lib.widgets.SliderFigure: a range input swaps precomputed frames.
// Jupyter Book 1 loads every .js file in _static on every page; this one only acts on
// <figure class="slider-figure"> elements, so pages without one are untouched.
(function () {
  "use strict";
  function wire(figure) {
    var data = JSON.parse(figure.querySelector("script.slider-figure-data").textContent);
    var img = figure.querySelector("img.slider-figure-frame");
    var input = figure.querySelector("input[type=range]");
    var value = figure.querySelector(".slider-figure-value");
    var readout = figure.querySelector("output.slider-figure-readout");
    function show() {
      var i = Number(input.value);
      img.src = data.frames[data.index[i]];
      value.textContent = data.labels[i];
      input.setAttribute("aria-valuetext", data.labels[i]);
      readout.textContent = data.readouts[i];
    }
    input.addEventListener("input", show);
    input.addEventListener("change", show);
  }
  function init() {
    document.querySelectorAll("figure.slider-figure").forEach(wire);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
