// The header's unread count, kept live: the server emits `notification` {"unread": n} to the
// member's own room on /chat whenever their count changes.
(function () {
  "use strict";
  var badge = document.getElementById("notifications-count");
  if (!badge || typeof io !== "function") { return; }
  var socket = io("/chat", { transports: ["websocket", "polling"] });
  window.harborNotifications = socket;
  function show(n) {
    badge.textContent = String(n);
    badge.setAttribute("aria-label", n + " unread");
    badge.hidden = !n;
  }
  socket.on("notification", function (d) { if (d && typeof d.unread === "number") { show(d.unread); } });
  document.addEventListener("harbor:unread", function (e) { show(e.detail); });
})();
