// Live moderation pages: an urgent alert (naming the community, linking to the item) reaches
// every open moderation page at once; the queue's counts and list refresh in place when an
// item is added, claimed, escalated or decided; desktop notifications and a sound, if asked.
(function () {
  "use strict";
  var box = document.getElementById("mod-alerts");
  if (!box || typeof io !== "function") { return; }
  var sound = document.getElementById("alerts-sound");
  var desktop = document.getElementById("alerts-desktop");
  if (sound) {
    sound.checked = localStorage.getItem("harbor-alert-sound") === "1";
    sound.addEventListener("change", function () { localStorage.setItem("harbor-alert-sound", sound.checked ? "1" : "0"); });
  }
  if (desktop && "Notification" in window && Notification.permission === "default") {
    desktop.hidden = false;
    desktop.addEventListener("click", function () {
      Notification.requestPermission().then(function () { desktop.hidden = true; });
    });
  }
  function beep() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
    osc.frequency.value = 880; gain.gain.value = 0.1;
    osc.connect(gain); gain.connect(ctx.destination);
    osc.start(); osc.stop(ctx.currentTime + 0.4);
  }
  var refreshing = null;
  function refreshQueue() {
    var list = document.getElementById("queue-list");
    if (!list) { return; }
    clearTimeout(refreshing);
    refreshing = setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        ["queue-list", "queue-stats"].forEach(function (id) {
          var fresh = doc.getElementById(id), old = document.getElementById(id);
          if (fresh && old) { old.replaceWith(fresh); }
        });
      });
    }, 300);
  }
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
    if (sound && sound.checked) { beep(); }
    if ("Notification" in window && Notification.permission === "granted") {
      var n = new Notification("Harbor: urgent", { body: a.message, tag: "harbor-" + a.item_id });
      n.onclick = function () { window.focus(); window.location.href = a.url; };
    }
    refreshQueue();
  });
  socket.on("queue", refreshQueue);
})();
