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
    // A target folded away (a claim among the single-source ones) is unfolded first.
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.classList.add("is-target");
    target.scrollIntoView({ block: "center" });
  }

  // Copies: scroll each text to its first shared passage.
  function showPassages() {
    var boxes = document.querySelectorAll(".excerpt");
    for (var i = 0; i < boxes.length; i++) {
      var first = boxes[i].querySelector("mark");
      if (first && first.offsetTop > boxes[i].clientHeight / 2) boxes[i].scrollTop = first.offsetTop - 40;
    }
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

  // The number of alerts in the navigation (pages are cached; the count is asked for when shown).
  function showAlertCount() {
    var badge = document.getElementById("alert-count");
    if (!badge || !window.fetch) return;
    fetch("/api/watch/alerts?limit=1", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || !answer.total) return;
        badge.textContent = String(answer.total);
        badge.hidden = false;
      })
      .catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    showAlertCount();
    setupToggles();
    showPassages();
    showTarget();
  });
  window.addEventListener("hashchange", showTarget);
})();
