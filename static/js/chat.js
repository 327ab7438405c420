// Harbor live chat: the room page and the lobby, over Socket.IO namespace /chat.
// Messages are stored before they are broadcast; on every (re)connect the client asks for
// what it missed (history after the last id it has) and re-sends anything unacknowledged
// with the same client_id, which the server stores once. Nothing here is needed to read or
// post: the page works without JavaScript.
(function () {
  "use strict";
  if (typeof io !== "function") { return; }

  var EDIT_WINDOW_MS = 5 * 60 * 1000;
  // WebSocket first, so behind nginx only the one upgraded connection needs a fixed process;
  // long-polling only where WebSockets can't pass (tryAllTransports), and a client that had to
  // fall back stays on polling for the page's life (its requests need one process: nginx pins
  // /socket.io/ by address).
  var SOCKET_OPTIONS = { transports: ["websocket", "polling"], tryAllTransports: true, rememberUpgrade: true };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function localTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return iso; }
    return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function localiseTimes(root) {
    var times = root.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) { times[i].textContent = localTime(times[i].getAttribute("datetime")); }
  }

  // --- the lobby: unread counts and who is online, live ------------------------------------
  var lobby = document.getElementById("chat-lobby");
  if (lobby) {
    var rooms = (lobby.getAttribute("data-rooms") || "").split(" ").filter(Boolean);
    var lsock = io("/chat", SOCKET_OPTIONS);
    lsock.on("connect", function () {
      lsock.emit("watch", { rooms: rooms }, function (ack) {
        if (!ack || !ack.ok) { return; }
        Object.keys(ack.online || {}).forEach(function (key) {
          var row = lobby.querySelector('[data-room="' + key + '"] .room-online');
          if (row) { row.textContent = String(ack.online[key]); }
        });
      });
    });
    lsock.on("activity", function (a) {
      var badge = lobby.querySelector('[data-room="' + a.room + '"] .room-unread');
      if (!badge || a.author === lobby.getAttribute("data-me")) { return; }
      var n = parseInt(badge.firstChild.nodeValue, 10) || 0;
      badge.firstChild.nodeValue = String(n + 1);
      badge.hidden = false;
    });
    lsock.on("session_ended", function () { lsock.disconnect(); });
    return;
  }

  // --- a room -----------------------------------------------------------------------------
  var root = document.getElementById("chat");
  if (!root) { return; }
  var roomKey = root.getAttribute("data-room");
  var me = root.getAttribute("data-me");
  var myKey = root.getAttribute("data-key") || "";
  var reportUrl = root.getAttribute("data-report-url").replace(/0$/, "");
  var memberUrl = root.getAttribute("data-member-url");
  // Members this reader ignores: the server leaves their messages out of history; live
  // broadcasts to the whole room are dropped here.
  var ignored = {};
  try { JSON.parse(root.getAttribute("data-ignored") || "[]").forEach(function (u) { ignored[u] = true; }); } catch (e) { ignored = {}; }
  function isIgnored(m) { return !!(m && m.author && m.author.username && ignored[m.author.username]); }
  var list = document.getElementById("chat-messages");
  var log = document.getElementById("chat-log");
  var statusBox = document.getElementById("chat-status");
  var announce = document.getElementById("chat-announce");
  var typingBox = document.getElementById("chat-typing");
  var onlineBox = document.getElementById("chat-online");
  var crisisBox = document.getElementById("chat-crisis");
  var possibleBox = document.getElementById("chat-possible");
  var olderBtn = document.getElementById("chat-older");
  var form = document.getElementById("chat-form");
  var textarea = form ? form.querySelector("textarea") : null;
  var confirmBox = document.getElementById("chat-confirm");
  var confirmInput = confirmBox ? confirmBox.querySelector("input[type=checkbox]") : null;

  var lastId = 0;            // the highest message id this page holds
  var firstId = null;        // the lowest, for loading older messages
  var lastRead = parseInt(root.getAttribute("data-last-read"), 10) || 0;
  var joined = false;

  // --- the outbox: messages written but not yet acknowledged ---------------------------------
  // Kept in localStorage (per member and room) until the server acknowledges them, so closing
  // the tab, a reload or a dead connection loses nothing; shown in the log as "not sent yet".
  var storeKey = "harbor-outbox:" + me + ":" + roomKey;
  var unsentList = el("ol", "chat-unsent");
  unsentList.id = "chat-unsent";
  unsentList.setAttribute("aria-label", "Not sent yet");
  list.parentNode.insertBefore(unsentList, list.nextSibling);
  var outbox = loadOutbox(); // {client_id, body, confirm}
  var retryDelay = 2000;

  function loadOutbox() {
    try {
      var items = JSON.parse(window.localStorage.getItem(storeKey) || "[]");
      return Array.isArray(items) ? items.filter(function (i) { return i && i.client_id && i.body; })
        .map(function (i) { return { client_id: String(i.client_id), body: String(i.body), confirm: !!i.confirm }; }) : [];
    } catch (e) { return []; }
  }
  function saveOutbox() {
    try {
      var kept = outbox.map(function (i) { return { client_id: i.client_id, body: i.body, confirm: i.confirm }; });
      if (kept.length) { window.localStorage.setItem(storeKey, JSON.stringify(kept)); }
      else { window.localStorage.removeItem(storeKey); }
    } catch (e) { /* private mode or full: the page still holds them */ }
    renderUnsent();
  }
  function renderUnsent() {
    unsentList.textContent = "";
    outbox.forEach(function (item) {
      var li = el("li", "chat-msg chat-msg-unsent");
      li.setAttribute("data-client-id", item.client_id);
      var meta = el("div", "chat-meta");
      meta.appendChild(el("span", "author", "You"));
      meta.appendChild(el("span", "tag", "Not sent yet: Harbor will keep trying"));
      li.appendChild(meta);
      li.appendChild(el("div", "chat-body", item.body));
      unsentList.appendChild(li);
    });
  }
  function dropFromOutbox(item) {
    var idx = outbox.indexOf(item);
    if (idx >= 0) { outbox.splice(idx, 1); }
    saveOutbox();
  }

  function setStatus(text) { statusBox.textContent = text || ""; }

  function fieldError(text) {
    if (!form) { return; }
    var wrap = textarea.closest(".field");
    var p = wrap.querySelector("p.error");
    if (!text) {
      if (p) { p.remove(); }
      wrap.classList.remove("has-error");
      textarea.removeAttribute("aria-invalid");
      return;
    }
    if (!p) {
      p = el("p", "error");
      p.id = textarea.id + "-error";
      wrap.appendChild(p);
    }
    p.textContent = text;
    wrap.classList.add("has-error");
    textarea.setAttribute("aria-invalid", "true");
    var described = (textarea.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(p.id) < 0) { described.push(p.id); textarea.setAttribute("aria-describedby", described.join(" ")); }
  }

  function badgeNode(badge) {
    var span = el("span", "hb-verified");
    span.title = "Harbor checked this clinician's professional registration";
    span.textContent = "Verified clinician · " + (badge.specialty || "");
    return span;
  }

  function render(m) {
    var li = el("li", "chat-msg" + (m.status !== "published" ? " chat-msg-" + m.status : ""));
    li.id = "m-" + m.id;
    li.setAttribute("data-id", String(m.id));
    li.setAttribute("data-author", m.author.username || "");
    li.setAttribute("data-created", m.created_at);
    var meta = el("div", "chat-meta");
    if (m.author.username) {
      var a = el("a", "author", m.author.name);
      a.href = memberUrl.replace("__u__", encodeURIComponent(m.author.username));
      meta.appendChild(a);
    } else {
      meta.appendChild(el("span", "author former", "former member"));
    }
    if (m.author.badge) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(badgeNode(m.author.badge)); }
    var t = el("time", null, localTime(m.created_at));
    t.setAttribute("datetime", m.created_at);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(t);
    if (m.edited && !m.deleted) { meta.appendChild(el("span", "chat-edited", " (edited)")); }
    if (m.status === "pending") { meta.appendChild(el("span", "tag", "Waiting for review: only you can see it")); }
    li.appendChild(meta);
    var body = el("div", "chat-body");
    if (m.deleted) { body.appendChild(el("em", "chat-deleted", "Message deleted")); }
    else { body.innerHTML = m.html; }   // sanitised on the server (nh3), never raw input
    li.appendChild(body);
    if (!m.deleted && m.status === "published") { li.appendChild(reactionBar(m)); }
    if (!m.deleted) { li.appendChild(actions(m)); }
    return li;
  }

  var KINDS = [["heart", "\u2764\ufe0f", "Heart"], ["hug", "\ud83e\udd17", "Hug"], ["me_too", "\ud83d\ude4b", "Me too"],
               ["helpful", "\ud83d\udc4d", "Helpful"]];

  // Reactions: each kind toggles the member's own reaction (`react`); the room gets
  // `message_updated` with the counts. Who reacted shows on hover or focus.
  function reactionBar(m) {
    var bar = el("div", "reactions");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Reactions");
    var counts = m.reactions || {};
    var who = el("span", "reaction-who");
    who.setAttribute("role", "status");
    var names = null;
    KINDS.forEach(function (k) {
      var b = el("button", "reaction");
      b.type = "button";
      b.setAttribute("data-kind", k[0]);
      var sym = el("span", null, k[1]);
      sym.setAttribute("aria-hidden", "true");
      b.appendChild(sym);
      b.appendChild(document.createTextNode(" " + k[2] + " "));
      b.appendChild(el("span", "reaction-count", counts[k[0]] ? String(counts[k[0]]) : ""));
      b.addEventListener("click", function () {
        socket.emit("react", { message_id: m.id, kind: k[0] }, function (ack) {
          if (!ack || !ack.ok) { setStatus((ack && ack.message) || "Could not react."); }
        });
      });
      function show() {
        var list = (names && names[k[0]]) || [];
        who.textContent = list.length ? k[2] + ": " + list.join(", ") : "";
      }
      function fetchWho() {
        if (names) { show(); return; }
        fetch("/reactions/message/" + m.id, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { reactions: {} }; })
          .then(function (d) { names = d.reactions || {}; show(); })
          .catch(function () {});
      }
      b.addEventListener("mouseenter", fetchWho);
      b.addEventListener("focus", fetchWho);
      b.addEventListener("mouseleave", function () { who.textContent = ""; });
      bar.appendChild(b);
    });
    bar.appendChild(who);
    return bar;
  }

  function actions(m) {
    var box = el("div", "chat-actions");
    if (m.author.username && m.author.username !== me) {
      var r = el("a", "chat-report", "Report");
      r.href = reportUrl + m.id + "?next=" + encodeURIComponent(location.pathname);
      var hidden = el("span", "visually-hidden", " message from " + m.author.name);
      r.appendChild(hidden);
      box.appendChild(r);
    } else if (m.author.username === me && Date.now() - new Date(m.created_at).getTime() < EDIT_WINDOW_MS) {
      var edit = el("button", "link", "Edit");
      edit.type = "button";
      edit.addEventListener("click", function () { startEdit(m); });
      var del = el("button", "link", "Delete");
      del.type = "button";
      del.addEventListener("click", function () {
        if (!window.confirm("Delete this message for everyone?")) { return; }
        socket.emit("delete", { id: m.id }, function (ack) {
          if (!ack.ok) { setStatus(ack.message || "Could not delete the message."); return; }
          upsert(ack.message);
        });
      });
      box.appendChild(edit);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(del);
    }
    return box;
  }

  function startEdit(m) {
    var li = document.getElementById("m-" + m.id);
    if (!li) { return; }
    var f = el("form", "chat-edit");
    var label = el("label", "visually-hidden", "Edit your message");
    label.htmlFor = "edit-" + m.id;
    var ta = el("textarea");
    ta.id = "edit-" + m.id;
    ta.rows = 2;
    ta.value = m.body;
    var save = el("button", null, "Save");
    save.type = "submit";
    var cancel = el("button", "secondary", "Cancel");
    cancel.type = "button";
    var err = el("p", "error");
    f.appendChild(label); f.appendChild(ta); f.appendChild(save); f.appendChild(cancel); f.appendChild(err);
    var body = li.querySelector(".chat-body");
    body.hidden = true;
    li.insertBefore(f, body.nextSibling);
    ta.focus();
    cancel.addEventListener("click", function () { f.remove(); body.hidden = false; });
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      socket.emit("edit", { id: m.id, body: ta.value }, function (ack) {
        if (!ack.ok) { err.textContent = ack.message || "Could not save."; return; }
        upsert(ack.message);
      });
    });
  }

  function upsert(m) {
    if (isIgnored(m)) { return false; }
    var empty = list.querySelector(".chat-empty");
    if (empty) { empty.remove(); }
    var node = render(m);
    var existing = document.getElementById("m-" + m.id);
    if (existing) { list.replaceChild(node, existing); return false; }
    // Keep id order: messages can arrive out of order around a reconnect.
    var items = list.children;
    var i = items.length - 1;
    while (i >= 0 && parseInt(items[i].getAttribute("data-id"), 10) > m.id) { i--; }
    list.insertBefore(node, i >= 0 ? items[i].nextSibling : list.firstChild);
    if (m.id > lastId) { lastId = m.id; }
    if (firstId === null || m.id < firstId) { firstId = m.id; }
    return true;
  }

  function nearBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 80; }
  function toBottom() { log.scrollTop = log.scrollHeight; }

  var readTimer = null;
  function markRead() {
    if (document.hidden || lastId <= lastRead || !joined) { return; }
    clearTimeout(readTimer);
    readTimer = setTimeout(function () {
      var upTo = lastId;
      socket.emit("read", { room: roomKey, id: upTo }, function (ack) { if (ack && ack.ok) { lastRead = ack.last_read_id; } });
    }, 500);
  }

  function showWarnings(ack) {
    (ack.warnings || []).forEach(function (w) {
      if (w.code === "possible_crisis" && possibleBox && (!crisisBox || crisisBox.hidden)) {
        possibleBox.hidden = false;   // a gentle help box for the sender only
        var ph = possibleBox.querySelector("h2");
        if (ph) { ph.focus(); }
      }
      if (w.code === "crisis" && crisisBox) {
        if (possibleBox) { possibleBox.hidden = true; }
        crisisBox.hidden = false;   // help at once, above everything else the sender sees
        var h = crisisBox.querySelector("h2");
        if (h) { h.focus(); }
      }
    });
    // The server's words for what happened (held or visible, moderators alerted): the same as the forum's.
    var help = (ack.warnings || []).some(function (w) { return w.code === "crisis" || w.code === "possible_crisis"; });
    if (ack.notice && (ack.status !== "published" || help)) { setStatus(ack.notice); }
  }

  function fillGap(done) {
    socket.emit("history", { room: roomKey, after_id: lastId }, function (ack) {
      if (ack && ack.error === "unavailable") { setTimeout(function () { if (joined) { fillGap(done); } }, 3000); return; }
      if (!ack || !ack.ok) { return; }
      var stick = nearBottom();
      ack.messages.forEach(upsert);
      if (stick) { toBottom(); }
      if (ack.more) { fillGap(done); } else if (done) { done(); }
    });
  }

  function flushOutbox() {
    outbox.slice().forEach(function (item) { deliver(item); });
  }

  function retryLater(item) {
    // Same client_id every time, so the server stores it once however often it arrives.
    setTimeout(function () { if (socket.connected && joined && outbox.indexOf(item) >= 0) { deliver(item); } }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  function deliver(item) {
    if (item.inFlight) { return; }
    item.inFlight = true;
    socket.timeout(10000).emit("send", { room: roomKey, body: item.body, client_id: item.client_id, confirm: item.confirm },
      function (err, ack) {
        item.inFlight = false;
        if (err || (ack && ack.error === "unavailable")) {
          setStatus(err ? "Not sent yet: waiting for Harbor to answer. It will go as soon as it does."
                        : "Not sent yet: Harbor can't store messages right now. It will keep trying.");
          retryLater(item);
          return;
        }
        retryDelay = 2000;
        dropFromOutbox(item);
        if (!ack.ok) {
          if (textarea && !textarea.value) { textarea.value = item.body; }   // never lose the text
          if (ack.error === "confirm_identifiers" && confirmBox) {
            confirmBox.hidden = false;
            var list2 = (ack.warnings || []).map(function (w) { return w.message; }).join(" ");
            fieldError(ack.message + (list2 ? " " + list2 : ""));
          } else if (ack.error === "rate_limited") {
            fieldError(ack.message + (ack.retry_after ? " (try again in " + Math.ceil(ack.retry_after) + " s)" : ""));
          } else {
            fieldError(ack.message || "Could not send.");
          }
          return;
        }
        fieldError("");
        setStatus("");
        if (confirmBox) { confirmBox.hidden = true; if (confirmInput) { confirmInput.checked = false; } }
        if (ack.message) { upsert(ack.message); toBottom(); }
        showWarnings(ack);
      });
  }

  var socket = io("/chat", SOCKET_OPTIONS);

  socket.on("connect", function () {
    setStatus("");
    socket.emit("join", { room: roomKey }, function join(ack) {
      if (ack && ack.error === "unavailable") {
        setStatus(ack.message + " Retrying…");
        setTimeout(function () { if (socket.connected && !joined) { socket.emit("join", { room: roomKey }, join); } }, 3000);
        return;
      }
      if (!ack || !ack.ok) { setStatus((ack && ack.message) || "You can't join this room."); return; }
      joined = true;
      var stick = nearBottom();
      if (lastId === 0) {
        list.textContent = "";
        if (!ack.history.length) { list.appendChild(el("li", "chat-empty", "No messages yet. Say hello.")); }
        ack.history.forEach(upsert);
        if (olderBtn) { olderBtn.hidden = !ack.more; }
        toBottom();
        flushOutbox();
        markRead();
      } else {
        fillGap(function () { if (stick) { toBottom(); } flushOutbox(); markRead(); });
      }
      if (onlineBox) { updateOnline(visibleNames(ack)); }
    });
  });
  socket.on("disconnect", function () {
    joined = false;
    setStatus("Connection lost: reconnecting… Messages you send now go out when you are back.");
  });
  socket.on("connect_error", function (err) {
    setStatus(err && err.message === "unavailable" ? "Harbor can't reach its database right now: retrying…"
                                                   : "Can't reach Harbor right now: retrying…");
    // A refusal by the server (not a network failure) ends the client's own retries: retry
    // an outage ourselves; "not_allowed" stays final.
    if (!socket.active && err && err.message === "unavailable") { setTimeout(function () { socket.connect(); }, 3000); }
  });

  socket.on("message", function (m) {
    if (m.room !== roomKey) { return; }
    // A message whose predecessor we don't hold means a broadcast never reached us (for
    // example Redis between server processes was away): fetch what we missed.
    if (joined && m.prev_id && m.prev_id > lastId) { fillGap(); }
    var stick = nearBottom();
    if (upsert(m) && m.author.username !== me) {
      announce.textContent = m.author.name + ": " + (m.body || "");
    }
    if (stick) { toBottom(); }
    markRead();
  });
  // The server's message queue (Redis between processes) was away: fetch what we missed.
  socket.on("resync", function () { if (joined) { fillGap(); } });
  socket.on("message_updated", function (m) { if (m.room === roomKey && document.getElementById("m-" + m.id)) { upsert(m); } });
  socket.on("message_removed", function (d) {
    var node = document.getElementById("m-" + d.id);
    if (node && d.room === roomKey) { node.remove(); }
  });
  // Who is online, leaving out the members this member ignores (the server sends usernames beside names).
  function visibleNames(p) {
    if (!p.members) { return p.online || []; }
    return p.members.filter(function (m) { return !ignored[m.username]; }).map(function (m) { return m.name; });
  }
  function updateOnline(names) {
    onlineBox.textContent = names && names.length ? "Online now: " + names.join(", ") : "Nobody else online right now.";
  }
  socket.on("presence", function (p) { if (p.room === roomKey && onlineBox) { updateOnline(visibleNames(p)); } });
  var typingTimer = null;
  socket.on("typing", function (t) {
    if (t.room !== roomKey || (t.username && ignored[t.username])) { return; }
    typingBox.textContent = t.name + " is typing…";
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingBox.textContent = ""; }, 3000);
  });
  socket.on("read", function (r) { if (r.room === roomKey) { lastRead = Math.max(lastRead, r.last_read_id); } });
  socket.on("muted", function (d) {
    setStatus("A moderator muted you" + (d.until ? " until " + localTime(d.until) : "") + ": you can read but not send.");
  });
  socket.on("session_ended", function (d) {
    if (d && d.key && myKey && d.key !== myKey) { return; }
    socket.disconnect();
    setStatus("You were logged out. Log in again to chat.");
    if (form) { form.hidden = true; }
  });

  if (form) {
    var lastTyping = 0;
    textarea.addEventListener("input", function () {
      var now = Date.now();
      if (joined && now - lastTyping > 2000) { lastTyping = now; socket.emit("typing", { room: roomKey }); }
    });
    textarea.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = textarea.value.trim();
      if (!body) { fieldError("Write a message first."); return; }
      if (body.length > 4000) { fieldError("Messages can be at most 4,000 characters."); return; }
      var item = { client_id: newClientId(), body: body, confirm: !!(confirmInput && confirmInput.checked && !confirmBox.hidden) };
      outbox.push(item);
      saveOutbox();
      textarea.value = "";
      fieldError("");
      if (socket.connected && joined) { deliver(item); }
      else { setStatus("Not sent yet: waiting for the connection. It will go as soon as you are back online."); }
    });
  }

  if (olderBtn) {
    olderBtn.addEventListener("click", function () {
      socket.emit("history", { room: roomKey, before_id: firstId }, function (ack) {
        if (!ack || !ack.ok) { return; }
        var before = log.scrollHeight;
        ack.messages.forEach(upsert);
        log.scrollTop += log.scrollHeight - before;
        olderBtn.hidden = !ack.more;
      });
    });
    log.addEventListener("scroll", function () { if (log.scrollTop < 20 && !olderBtn.hidden) { olderBtn.click(); } });
  }

  // A quiet room can't reveal a gap through the next message: check now and then.
  setInterval(function () { if (socket.connected && joined) { fillGap(); } }, 60000);
  document.addEventListener("visibilitychange", markRead);
  renderUnsent();
  localiseTimes(list);
  toBottom();
})();
