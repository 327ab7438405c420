// Live alerts for moderators: a crisis post reaches every open moderation page at once.
(function () {
  "use strict";
  var box = document.getElementById("mod-alerts");
  if (!box || typeof io !== "function") { return; }
  var socket = io("/moderation", { transports: ["websocket", "polling"] });
  socket.on("alert", function (a) {
    var p = document.createElement("p");
    p.className = "alert-urgent";
    var link = document.createElement("a");
    link.href = a.url;
    link.textContent = a.message;
    p.appendChild(link);
    box.appendChild(p);
    document.title = "⚠ " + document.title.replace(/^⚠ /, "");
  });
})();
