// Dashboard: reload every 10 seconds while the box is ticked; the choice is remembered in this browser.
(function () {
  "use strict";
  var box = document.getElementById("auto-refresh");
  if (!box) {
    return;
  }
  var key = "hub-ops-auto-refresh";
  var timer = null;
  function schedule() {
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (box.checked) {
      timer = window.setTimeout(function () { window.location.reload(); }, 10000);
    }
  }
  try {
    box.checked = window.localStorage.getItem(key) === "on";
  } catch (e) {
    box.checked = false;
  }
  box.addEventListener("change", function () {
    try {
      window.localStorage.setItem(key, box.checked ? "on" : "off");
    } catch (e) {
      // storage refused (private mode): the choice lasts for this page only
    }
    schedule();
  });
  schedule();
})();
