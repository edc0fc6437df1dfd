(function () {
  "use strict";
  var nav = document.querySelector("[data-switcher]");
  if (!nav) { return; }
  var buttons = nav.querySelectorAll("button[data-show]");
  function show(id) {
    document.querySelectorAll("[data-persona]").forEach(function (el) {
      var off = id !== "" && el.getAttribute("data-persona") !== id;
      el.classList.toggle("is-hidden", off);
      if (el.tagName.toLowerCase() !== "g") { el.hidden = off; }
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-show") === id));
    });
    var status = nav.querySelector("[data-status]");
    if (status) {
      var pressed = nav.querySelector("button[aria-pressed=true]");
      status.textContent = pressed ? "Showing " + pressed.textContent.trim() : "";
    }
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-show")); });
  });
  nav.hidden = false;
  document.documentElement.classList.add("js");
})();
