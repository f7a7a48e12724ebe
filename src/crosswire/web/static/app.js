// crosswire web app: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Bring the linked finding (a claim, a quote, or a highlighted span) into view and flash it.
  function showTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var old = document.querySelectorAll(".is-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target");
    target.classList.add("is-target");
    target.scrollIntoView({ block: "center" });
  }

  // Copies: side by side (default) or stacked.
  function setupToggles() {
    var buttons = document.querySelectorAll("button.toggle-layout");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        var section = document.getElementById(event.currentTarget.getAttribute("data-target"));
        if (!section) return;
        var stacked = section.classList.toggle("stacked");
        event.currentTarget.textContent = stacked ? "Show side by side" : "Show stacked";
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupToggles();
    showTarget();
  });
  window.addEventListener("hashchange", showTarget);
})();
