// A figure shrunk to fit a narrow screen opens at its full size with one tap.
// _ext/page_assets.py puts this script, inline, into every page with figures.
//
// The book's figures are drawn at 100 dpi for a 700-px column: at their natural size the
// smallest text is at least 10 px (tests/figure_text.py). On a 390-px phone the column is
// 358 px, and a 627-px figure shown in it has 10-pt labels of about 7.9 px. A tap on such a
// figure (or on its "full size" button) shows it at its natural size in a dialog that
// scrolls both ways; Escape, the close button or a tap beside the figure closes it.
"use strict";
(() => {
  const FIGURE_IMAGE = "article.bd-article figure > img";
  const shrunk = (img) =>
    img.naturalWidth > 0 && img.getBoundingClientRect().width < 0.95 * img.naturalWidth;
  let dialog = null;

  function open(img) {
    if (dialog === null) {
      dialog = document.createElement("dialog");
      dialog.className = "figure-zoom";
      dialog.innerHTML =
        '<button type="button" class="figure-zoom-close">Close</button>' +
        '<div class="figure-zoom-box"><img alt=""></div>';
      dialog.addEventListener("click", (event) => {
        const beside = event.target === dialog || event.target.matches(".figure-zoom-box");
        if (beside || event.target.closest(".figure-zoom-close")) {
          dialog.close();
        }
      });
      document.body.append(dialog);
    }
    const big = dialog.querySelector("img");
    big.src = img.currentSrc || img.src; // a slider's frame: the one on screen now
    big.alt = img.alt;
    big.width = img.naturalWidth;
    big.height = img.naturalHeight;
    dialog.setAttribute("aria-label", "Figure at full size");
    dialog.showModal();
    dialog.querySelector(".figure-zoom-box").scrollTo(0, 0);
  }

  // One button per figure, shown only while the figure is shrunk.
  function mark() {
    for (const img of document.querySelectorAll(FIGURE_IMAGE)) {
      let button = img.parentElement.querySelector(":scope > .figure-zoom-open");
      if (button === null) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "figure-zoom-open";
        button.textContent = "Full size";
        button.setAttribute("aria-label", "Show this figure at full size");
        button.addEventListener("click", () => open(img));
        img.after(button);
      }
      button.hidden = !shrunk(img);
      img.classList.toggle("figure-zoomable", !button.hidden);
    }
  }

  document.addEventListener("click", (event) => {
    const img = event.target.closest(FIGURE_IMAGE);
    if (img !== null && img.closest("a") === null && shrunk(img)) open(img);
  });
  let pending = false;
  const remark = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        mark();
      });
    }
  };
  // The buttons are placed after the page's first frame: measuring the figures before it
  // would force an extra layout of the whole page in front of the first paint.
  const start = () => {
    requestAnimationFrame(() => setTimeout(mark));
    addEventListener("resize", remark);
    document.addEventListener("load", (e) => e.target.tagName === "IMG" && remark(), true);
  };
  if (document.readyState === "complete") start();
  else addEventListener("load", start);
})();
