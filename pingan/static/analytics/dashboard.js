// The dashboard's charts, drawn from the figures the page embeds (json_script): the same
// numbers as the tables beside them.
(function () {
  "use strict";
  var source = document.getElementById("analytics-charts");
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var charts = [];

  // Tooltips drawn on the canvas: an HTML tooltip carries inline style attributes, which the
  // Content Security Policy (style-src 'self', no 'unsafe-inline') blocks.
  function tip(trigger) {
    return { trigger: trigger, renderMode: "richText" };
  }

  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) return;
    var chart = echarts.init(element);
    chart.setOption(option);
    charts.push(chart);
  }

  var trend = data.trend;
  var labels = trend.labels;
  draw("chart-trend", {
    tooltip: tip("axis"),
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: "category", data: trend.months },
    yAxis: [
      { type: "value", name: labels["cases.received"] },
      { type: "value", name: "%", min: 0, max: 100 }
    ],
    series: [
      { name: labels["cases.received"], type: "bar", data: trend["cases.received"] },
      { name: labels["cases.finish_rate"], type: "line", yAxisIndex: 1, data: trend["cases.finish_rate"] },
      { name: labels["cases.satisfaction_rate"], type: "line", yAxisIndex: 1, data: trend["cases.satisfaction_rate"] }
    ]
  });

  draw("chart-categories", {
    tooltip: tip("axis"),
    grid: { left: 96, right: 24, top: 12, bottom: 24 },
    xAxis: { type: "value" },
    yAxis: { type: "category", inverse: true, data: data.categories.map(function (c) { return c.name; }) },
    series: [{ type: "bar", data: data.categories.map(function (c) { return c.value; }) }]
  });

  var ranking = data.ranking;
  draw("chart-ranking", {
    tooltip: tip("axis"),
    grid: { left: 96, right: 36, top: 12, bottom: 24 },
    xAxis: { type: "value", name: ranking.unit },
    yAxis: { type: "category", inverse: true, data: ranking.items.map(function (i) { return i.name; }) },
    series: [{ name: ranking.label, type: "bar", label: { show: true, position: "right" },
      data: ranking.items.map(function (i) { return i.value; }) }]
  });

  draw("chart-distribution", {
    tooltip: tip("item"),
    series: [{ type: "pie", radius: ["35%", "70%"], data: data.distribution }]
  });

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
