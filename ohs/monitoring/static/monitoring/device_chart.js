// Live chart of a device: one line per channel, the limit as a dashed mark line; polls the API.
(function () {
  "use strict";
  var element = document.getElementById("device-chart");
  if (!element || !window.echarts) { return; }
  var chart = window.echarts.init(element);
  var url = element.dataset.chartUrl;
  function render(data) {
    var series = data.series.map(function (s) {
      var line = { name: s.quantity + " (" + s.unit + ")", type: "line", showSymbol: false, data: s.points };
      if (s.limit) { line.markLine = { symbol: "none", lineStyle: { type: "dashed" }, data: [{ yAxis: s.limit }] }; }
      return line;
    });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "time" },
      yAxis: { type: "value", scale: true },
      series: series
    }, true);
    element.dataset.points = String(data.series.reduce(function (n, s) { return n + s.points.length; }, 0));
  }
  function refresh() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { render(data); } })
      .catch(function () { /* next poll retries */ });
  }
  refresh();
  window.setInterval(refresh, 5000);
  window.addEventListener("resize", function () { chart.resize(); });
})();
