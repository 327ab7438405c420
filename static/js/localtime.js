// Times in the reader's own time zone: every <time datetime> the server wrote in UTC is shown
// in local time (the UTC original stays in its title). Without JavaScript, UTC shows.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var fmt = new Intl.DateTimeFormat(undefined, { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  document.querySelectorAll("time[datetime]").forEach(function (t) {
    if (!/UTC\s*$/.test(t.textContent)) { return; }
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d.getTime())) { return; }
    t.title = t.textContent.trim();
    t.textContent = fmt.format(d);
  });
})();
