// Autosave for case note drafts: a few seconds after typing stops, the form is sent to the autosave
// address and the page says when the draft was saved. Without JavaScript, "Save as draft" does the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-autosave-status]");
  var noteId = form.querySelector("input[name=note_id]");
  var timer = null;

  function save() {
    var data = new FormData(form);
    fetch(form.getAttribute("data-autosave-url"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken"), Accept: "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.saved) {
          noteId.value = result.note_id;
          status.textContent = "Draft saved at " + result.saved_at;
          var draftUrl = form.getAttribute("data-draft-url-template");
          if (draftUrl) form.setAttribute("action", draftUrl.replace("999999999", result.note_id));
        } else {
          status.textContent = "Not saved yet: " + result.error;
        }
      })
      .catch(function () { status.textContent = "Could not save the draft. Check your connection"; });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });
})();
