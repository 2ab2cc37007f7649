// Open the <details> around the element a link points at, then bring it into view.
(function () {
  "use strict";
  function reveal() {
    var raw = location.hash.slice(1);
    if (!raw) { return; }
    var el = document.getElementById(raw);
    if (!el) {
      try { el = document.getElementById(decodeURIComponent(raw)); } catch (e) { el = null; }
    }
    if (!el) { return; }
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", reveal);
  // A second click on the same link changes no hash: reveal after the browser has navigated.
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (a) { setTimeout(reveal, 0); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
