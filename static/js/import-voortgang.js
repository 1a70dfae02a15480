// Polls the import's status and updates the progress bar; reloads the page when it is done.
(function () {
  "use strict";
  var sectie = document.getElementById("voortgang");
  if (!sectie) { return; }
  var balk = document.getElementById("voortgang-balk");
  var vulling = balk.querySelector(".progress-bar");
  var tekst = document.getElementById("voortgang-tekst");
  var getal = new Intl.NumberFormat("nl-NL");

  function toon(p) {
    vulling.style.width = p + "%";
    balk.setAttribute("aria-valuenow", String(p));
  }
  toon(Number(vulling.getAttribute("data-breedte")) || 0);

  function vraag() {
    fetch(sectie.getAttribute("data-status-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        toon(d.voortgang);
        tekst.textContent = d.voortgang + "% klaar" + (d.rijen_totaal ? " (" +
          getal.format(d.rijen_verwerkt) + " van " + getal.format(d.rijen_totaal) + " waarden)" : "");
        if (d.status === "voltooid" || d.status === "mislukt") {
          window.location.reload();
        } else {
          window.setTimeout(vraag, 700);
        }
      })
      .catch(function () { window.setTimeout(vraag, 2000); });
  }
  window.setTimeout(vraag, 300);
})();
