// The comparison's small multiples (templates/risicofactoren/vergelijken.html): two subplots side
// by side leave a narrow screen no room for their titles, so there the page draws the same figure
// in one column. Runs before static/js/grafieken.js, which draws what the data-grafiek element
// holds; the one-column figure has the same data, only another layout.
(function () {
  "use strict";
  var smal = document.getElementById("vergelijking-smal");
  var bron = document.querySelector('script[type="application/json"][data-grafiek="vergelijking"]');
  if (!smal || !bron || !window.matchMedia) { return; }
  if (window.matchMedia("(max-width: 767.98px)").matches) {
    bron.textContent = smal.textContent;
  }
}());
