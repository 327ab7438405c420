// The thread page: remembers how far the member has read (so "new since your last visit" and
// the thread's reply notifications clear), and shows who reacted on hover or focus.
(function () {
  "use strict";
  var read = document.getElementById("thread-read");
  if (read) {
    var send = function () {
      fetch(read.getAttribute("data-url"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": read.getAttribute("data-csrf") },
        body: JSON.stringify({ post_id: parseInt(read.getAttribute("data-post"), 10) })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
        if (d) { document.dispatchEvent(new CustomEvent("harbor:unread", { detail: d.unread })); }
      }).catch(function () {});
    };
    if (document.hidden) {
      document.addEventListener("visibilitychange", function once() {
        if (!document.hidden) { document.removeEventListener("visibilitychange", once); send(); }
      });
    } else { send(); }
  }

  var labels = { heart: "Heart", hug: "Hug", me_too: "Me too", helpful: "Helpful" };
  document.querySelectorAll(".reactions[data-who]").forEach(function (bar) {
    var out = bar.querySelector(".reaction-who");
    var cache = null;
    function showFor(kind) {
      var names = (cache && cache[kind]) || [];
      out.textContent = names.length ? labels[kind] + ": " + names.join(", ") : "";
    }
    function who(e) {
      var node = e.target.closest("[data-kind]");
      if (!node || !out) { return; }
      var kind = node.getAttribute("data-kind");
      if (cache) { showFor(kind); return; }
      fetch(bar.getAttribute("data-who"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { reactions: {} }; })
        .then(function (d) { cache = d.reactions || {}; showFor(kind); })
        .catch(function () {});
    }
    bar.addEventListener("mouseover", who);
    bar.addEventListener("focusin", who);
    bar.addEventListener("mouseleave", function () { if (out) { out.textContent = ""; } });
  });
})();
