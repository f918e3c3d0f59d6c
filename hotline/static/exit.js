// Quick exit (GOV.UK "Exit this page" pattern): the button, or Shift pressed
// three times, replaces this page with a neutral site. location.replace keeps
// this page out of the back-button history. Without JavaScript the button is
// an ordinary link to the same site.
(function () {
  "use strict";
  var container = document.querySelector(".exit-this-page");
  if (!container) { return; }
  var url = container.getAttribute("data-exit-url");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.innerHTML = "";
    document.title = "";
    window.location.replace(url);
  }
  var button = document.getElementById("exit-this-page");
  if (button) { button.addEventListener("click", leave); }
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) { leave(); }
  });
}());
