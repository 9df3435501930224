// Static-page version of lib.widgets.SliderFigure: a range input swaps precomputed frames.
// Jupyter Book 1 loads every .js file in _static on every page; this one only acts on
// <figure class="slider-figure"> elements, so pages without one are untouched.
// A slider cannot move on paper: each figure also gets a grid of four of its frames (first,
// last and two evenly between), each with its readout, that only print shows (print.css).
// tools/pdf.py runs this file again on the pages it joins; a figure is set up only once.
(function () {
  "use strict";
  function printGrid(figure, data) {
    var frame = figure.querySelector("img.slider-figure-frame");
    var label = figure.querySelector(".slider-figure-controls label");
    var n = data.index.length;
    var grid = document.createElement("div");
    grid.className = "slider-print-grid";
    grid.setAttribute("aria-hidden", "true"); // print only: the live slider is on screen
    [0, 1, 2, 3]
      .map(function (k) { return Math.round((k * (n - 1)) / 3); })
      .filter(function (i, k, all) { return all.indexOf(i) === k; }) // fewer than 4 values
      .forEach(function (i) {
        var value = (label ? label.textContent + " = " : "") + data.labels[i];
        var readout = data.readouts[i] || "";
        var cell = document.createElement("div");
        var img = document.createElement("img");
        img.src = data.frames[data.index[i]];
        img.alt = frame.alt + " (" + value + ")";
        img.setAttribute("width", frame.getAttribute("width"));
        img.setAttribute("height", frame.getAttribute("height"));
        var caption = document.createElement("p");
        // Most readouts already name the value ("p = 0.3: ..."); the others get it in front.
        var named = readout.indexOf(data.labels[i]) >= 0;
        caption.textContent = named ? readout : value + ": " + readout;
        cell.append(img, caption);
        grid.append(cell);
      });
    frame.after(grid);
  }
  function wire(figure) {
    if (figure.dataset.sliderReady) {
      return;
    }
    figure.dataset.sliderReady = "1";
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
    printGrid(figure, data);
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
