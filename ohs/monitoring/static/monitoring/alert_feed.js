// Live alert list: asks the feed for alerts newer than the newest one shown; when there are any,
// names them in a notice and reloads the table (as the page's own search does), without a reload.
(function () {
  "use strict";
  var notice = document.getElementById("alert-feed-notice");
  if (!notice) { return; }
  var latest = Number(notice.dataset.latest || 0);
  var period = Number(notice.dataset.pollSeconds || 5) * 1000;

  function announce(alerts) {
    notice.replaceChildren();
    alerts.slice(-3).forEach(function (alert) {
      var line = document.createElement("div");
      var link = document.createElement("a");
      link.href = alert.url;
      link.textContent = notice.dataset.newLabel + " · " + alert.opened_at + " · " + alert.device;
      line.appendChild(link);
      line.appendChild(document.createTextNode(" · " + alert.severity + " · " + alert.message));
      notice.appendChild(line);
    });
    notice.hidden = false;
  }

  function poll() {
    fetch(notice.dataset.feedUrl + "?after=" + latest, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.alerts.length) {
          latest = data.latest;
          announce(data.alerts);
          if (window.htmx) {
            window.htmx.ajax("GET", window.location.pathname + window.location.search, { target: "#list-table" });
          }
        }
      })
      .catch(function () { /* offline for a moment: the next poll asks again */ })
      .finally(function () { window.setTimeout(poll, period); });
  }

  window.setTimeout(poll, period);
})();
