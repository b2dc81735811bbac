// The session timeout warning. Without JavaScript the server still signs the user out after the idle
// limit and the sign-in page says why; this script only warns beforehand and offers to stay signed in.
(function () {
  "use strict";
  var dialog = document.getElementById("hearth-timeout");
  if (!dialog || typeof dialog.showModal !== "function") return;

  var warningSeconds = parseInt(dialog.getAttribute("data-warning-seconds"), 10);
  var statusUrl = dialog.getAttribute("data-status-url");
  var extendUrl = dialog.getAttribute("data-extend-url");
  var countdown = dialog.querySelector("[data-countdown]");
  var stayButton = dialog.querySelector("[data-stay]");
  var signOutForm = dialog.querySelector("form[data-sign-out]");
  var csrf = signOutForm.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timer = null;
  var ticker = null;
  var deadline = 0;

  function describe(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    var rounded = seconds > 20 ? Math.ceil(seconds / 10) * 10 : seconds;
    return rounded + (rounded === 1 ? " second" : " seconds");
  }

  function signOut() {
    clearTimeout(timer);
    clearInterval(ticker);
    signOutForm.querySelector("input[name=reason]").value = "timeout";
    signOutForm.submit();
  }

  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var text = describe(left);
    if (countdown.textContent !== text) countdown.textContent = text;
    if (left <= 0) signOut();
  }

  function showWarning(secondsLeft) {
    deadline = Date.now() + secondsLeft * 1000;
    tick();
    if (!dialog.open) dialog.showModal();
    stayButton.focus();
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
  }

  // Ask the server how long is left: another tab may have kept the session going.
  function check() {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.signedIn) { window.location.reload(); return; }
        if (data.secondsLeft <= warningSeconds) {
          showWarning(data.secondsLeft);
        } else {
          if (dialog.open) dialog.close();
          schedule(data.secondsLeft);
        }
      })
      .catch(function () { schedule(warningSeconds * 2); });
  }

  function schedule(secondsLeft) {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(1, secondsLeft - warningSeconds) * 1000);
  }

  stayButton.addEventListener("click", function () {
    fetch(extendUrl, {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        clearInterval(ticker);
        dialog.close();
        schedule(data.secondsLeft);
      });
  });

  // Escape would close the dialog without renewing the session; treat it as "stay signed in".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stayButton.click();
  });

  schedule(parseInt(dialog.getAttribute("data-timeout-seconds"), 10));
})();
