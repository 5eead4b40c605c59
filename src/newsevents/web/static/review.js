// Review on the incident page: accept, reject, edit a field, merge, split. Each is a request
// to the API with the bearer token; the token stays in this tab (sessionStorage). After a
// change the page reloads (or opens the incident the change left), so the audit trail shows it.
(function () {
  "use strict";
  var page = document.getElementById("incident");
  if (!page) { return; }
  var id = page.getAttribute("data-incident");
  var token = document.getElementById("token");
  var result = document.getElementById("review-result");
  token.value = sessionStorage.getItem("newsevents-token") || "";
  token.addEventListener("change", function () { sessionStorage.setItem("newsevents-token", token.value); });

  function value(elId) { return document.getElementById(elId).value; }

  function send(method, path, body) {
    sessionStorage.setItem("newsevents-token", token.value);
    body.reason = value("reason");
    if (value("reviewer")) { body.reviewer = value("reviewer"); }
    result.className = "";
    result.textContent = "…";
    return fetch("/api/incidents/" + encodeURIComponent(id) + path, {
      method: method,
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token.value },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) {
          result.className = "failed";
          result.textContent = (data.error && data.error.message) || ("failed: " + r.status);
          return;
        }
        result.className = "ok";
        result.textContent = "Saved.";
        var next = (data.kept && data.kept.event_id) || data.event_id || id;
        window.location.assign("/incidents/" + encodeURIComponent(next));
      });
    }).catch(function (err) {
      result.className = "failed";
      result.textContent = "failed: " + err;
    });
  }

  function typed(field, text) {
    var numeric = ["fatalities", "injuries", "arrests", "latitude", "longitude"];
    if (numeric.indexOf(field) >= 0 && text.trim() !== "" && !isNaN(Number(text))) { return Number(text); }
    return text;
  }

  document.getElementById("accept").addEventListener("click", function () { send("POST", "/accept", {}); });
  document.getElementById("reject").addEventListener("click", function () { send("POST", "/reject", {}); });
  document.getElementById("edit").addEventListener("click", function () {
    var field = value("edit-field");
    var fields = {};
    fields[field] = typed(field, value("edit-value"));
    send("PATCH", "", { fields: fields });
  });
  document.getElementById("merge").addEventListener("click", function () {
    send("POST", "/merge", { other: value("merge-other").trim() });
  });
  document.getElementById("split").addEventListener("click", function () {
    var chosen = [];
    document.querySelectorAll(".split-event:checked").forEach(function (c) { chosen.push(c.value); });
    send("POST", "/split", { events: chosen });
  });
})();
