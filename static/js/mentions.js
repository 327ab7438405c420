// @mention autocomplete in a composer: after "@" and a letter, members of this community whose
// username starts with what was typed are offered in a list (arrow keys, Enter or click).
(function () {
  "use strict";
  document.querySelectorAll("[data-mention-url]").forEach(function (box) {
    var area = box.querySelector("textarea");
    if (!area) { return; }
    var url = box.getAttribute("data-mention-url");
    var list = document.createElement("ul");
    list.className = "mention-list";
    list.id = (area.id || "composer") + "-mentions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Members to mention");
    list.hidden = true;
    box.appendChild(list);
    area.setAttribute("aria-controls", list.id);
    area.setAttribute("aria-autocomplete", "list");
    var active = -1, items = [], timer = null;

    function word() {
      var upto = area.value.slice(0, area.selectionStart);
      var m = /(^|[\s(\[])@([A-Za-z0-9_.-]{1,32})$/.exec(upto);
      return m ? { start: upto.length - m[2].length, text: m[2] } : null;
    }
    function close() { list.hidden = true; list.innerHTML = ""; items = []; active = -1; area.removeAttribute("aria-activedescendant"); }
    function pick(i) {
      var w = word();
      if (!w || !items[i]) { return close(); }
      var name = items[i].username;
      area.value = area.value.slice(0, w.start) + name + " " + area.value.slice(area.selectionStart);
      var pos = w.start + name.length + 1;
      area.setSelectionRange(pos, pos);
      close();
      area.focus();
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (list.children[i]) { area.setAttribute("aria-activedescendant", list.children[i].id); }
    }
    function show(found) {
      items = found; list.innerHTML = "";
      if (!found.length) { return close(); }
      found.forEach(function (m, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = "@" + m.username + (m.name !== m.username ? " (" + m.name + ")" : "");
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      mark(0);
    }
    area.addEventListener("input", function () {
      clearTimeout(timer);
      var w = word();
      if (!w) { return close(); }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(w.text), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (d) { show(d.items || []); })
          .catch(close);
      }, 150);
    });
    area.addEventListener("keydown", function (e) {
      if (list.hidden) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
      else if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); pick(active); }
      else if (e.key === "Escape") { close(); }
    });
    area.addEventListener("blur", function () { setTimeout(close, 100); });
  });
})();
