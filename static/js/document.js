// The print view of the regiovisie: the "Afdrukken" button opens the browser's print dialog.
// The button stays hidden without JavaScript (the browser's own print command still works).
document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
  knop.hidden = false;
  knop.addEventListener("click", function () {
    window.print();
  });
});
