// The composer: the text is kept on the server as a draft while the member writes (restored
// when they come back), a Markdown preview rendered by the server, and "Quote" buttons that put
// a post into the reply as a Markdown quote.
(function () {
  "use strict";
  document.querySelectorAll(".composer[data-draft-url]").forEach(function (box) {
    var area = box.querySelector("textarea");
    if (!area) { return; }
    var draftUrl = box.getAttribute("data-draft-url");
    var csrf = box.getAttribute("data-csrf");
    var note = document.createElement("p");
    note.className = "hint";
    note.setAttribute("role", "status");
    box.appendChild(note);
    function send(method, url, body) {
      return fetch(url, { method: method, credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body) });
    }
    if (!area.value.trim()) {
      fetch(draftUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (d && d.body && !area.value.trim()) { area.value = d.body; note.textContent = "Your draft is back."; } })
        .catch(function () {});
    }
    var timer = null;
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        send("PUT", draftUrl, { body: area.value }).then(function (r) { if (r.ok) { note.textContent = "Draft saved."; } })
          .catch(function () {});
      }, 800);
    });

    var preview = document.createElement("div");
    preview.className = "post-body composer-preview";
    preview.setAttribute("aria-live", "polite");
    preview.hidden = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "Preview";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      if (!preview.hidden) { preview.hidden = true; button.textContent = "Preview"; button.setAttribute("aria-expanded", "false"); return; }
      send("POST", box.getAttribute("data-preview-url"), { body: area.value })
        .then(function (r) { return r.ok ? r.json() : { html: "" }; })
        .then(function (d) {
          preview.innerHTML = d.html || "<p>Nothing to preview yet.</p>";   // sanitised by the server (nh3)
          preview.hidden = false;
          button.textContent = "Hide preview";
          button.setAttribute("aria-expanded", "true");
        }).catch(function () {});
    });
    box.appendChild(button);
    box.appendChild(preview);

    document.querySelectorAll(".quote-button").forEach(function (q) {
      q.hidden = false;
      q.addEventListener("click", function () {
        var article = q.closest("article");
        var bodyNode = article ? article.querySelector(".post-body") : null;
        if (!bodyNode) { return; }
        var who = q.getAttribute("data-author");
        var text = bodyNode.innerText.trim().split("\n").map(function (l) { return "> " + l; }).join("\n");
        var quote = (who ? "@" + who + " wrote:\n" : "") + text + "\n\n";
        area.value = (area.value.trim() ? area.value.replace(/\s*$/, "\n\n") : "") + quote;
        area.focus();
        area.setSelectionRange(area.value.length, area.value.length);
        area.dispatchEvent(new Event("input"));
      });
    });
  });
})();
