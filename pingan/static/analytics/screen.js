// The big screen: draws the figures embedded in the page, then fetches them again every minute.
(function () {
  "use strict";
  var root = document.querySelector("[data-testid=screen]");
  var embedded = document.getElementById("screen-payload");
  if (!root || !embedded || !window.echarts) return;
  var text = { color: "#dbe7f5" };
  var axis = { axisLine: { lineStyle: { color: "#3b5b80" } }, splitLine: { lineStyle: { color: "#1d3b5f" } }, axisLabel: text };
  var charts = {};

  // Tooltips drawn on the canvas: an HTML tooltip carries inline style attributes, which the
  // Content Security Policy (style-src 'self', no 'unsafe-inline') blocks.
  function tip(trigger) {
    return { trigger: trigger, renderMode: "richText" };
  }

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), null, { renderer: "canvas" });
    return charts[id];
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var now = new Date();
    root.querySelector("[data-clock]").textContent = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + " " + pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
  }

  function kpi(item) {
    var box = document.createElement("div");
    box.className = "pa-screen-kpi";
    box.dataset.kpi = item.key;
    var label = document.createElement("div");
    label.className = "label";
    label.textContent = item.label;
    var value = document.createElement("div");
    value.className = "value";
    value.textContent = item.value === null ? "—" : item.value + (item.unit === "%" ? "%" : "");
    var change = document.createElement("div");
    change.className = "change";
    if (item.yoy !== null) {
      var up = item.yoy > 0;
      var good = item.better ? (up === (item.better === "up")) : null;
      change.className += good === null ? "" : (good ? " up-good" : " down-bad");
      change.textContent = "同比 " + (up ? "↑" : (item.yoy < 0 ? "↓" : "→")) + Math.abs(item.yoy) + (item.points ? " 个百分点" : "%");
    } else {
      change.textContent = "同比 —";
    }
    box.append(label, value, change);
    return box;
  }

  function render(payload) {
    root.querySelectorAll("[data-kpis]").forEach(function (panel) {
      var items = payload[panel.dataset.kpis] || [];
      panel.replaceChildren.apply(panel, items.map(kpi));
    });
    root.querySelector("[data-period]").textContent = payload.period;
    root.querySelector("[data-as-of]").textContent = payload.as_of ? "数据截至 " + payload.as_of : "";
    var c = payload.charts;
    chart("screen-trend").setOption({
      textStyle: text, tooltip: tip("axis"), legend: { textStyle: text, top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: Object.assign({ type: "category", data: c.trend.months }, axis),
      yAxis: [Object.assign({ type: "value" }, axis), Object.assign({ type: "value", min: 0, max: 100 }, axis)],
      series: [
        { name: c.trend.labels["cases.received"], type: "bar", data: c.trend["cases.received"], itemStyle: { color: "#2f8cff" } },
        { name: c.trend.labels["cases.finish_rate"], type: "line", yAxisIndex: 1, data: c.trend["cases.finish_rate"], itemStyle: { color: "#3ddc97" } },
        { name: c.trend.labels["cases.satisfaction_rate"], type: "line", yAxisIndex: 1, data: c.trend["cases.satisfaction_rate"], itemStyle: { color: "#ffd166" } }
      ]
    });
    chart("screen-ranking").setOption({
      textStyle: text, grid: { left: 90, right: 48, top: 8, bottom: 24 },
      xAxis: Object.assign({ type: "value" }, axis),
      yAxis: Object.assign({ type: "category", inverse: true, data: c.ranking.items.map(function (i) { return i.name; }) }, axis),
      series: [{ type: "bar", data: c.ranking.items.map(function (i) { return i.value; }), label: { show: true, position: "right", color: "#fff" }, itemStyle: { color: "#3ddc97" } }]
    });
    chart("screen-categories").setOption({
      textStyle: text, tooltip: tip("item"),
      series: [{ type: "pie", radius: ["40%", "70%"], label: { color: "#dbe7f5" }, data: c.categories }]
    });
    chart("screen-distribution").setOption({
      textStyle: text, tooltip: tip("item"),
      series: [{ type: "pie", roseType: "radius", radius: ["20%", "75%"], label: { color: "#dbe7f5" }, data: c.distribution }]
    });
  }

  function refresh() {
    fetch(root.dataset.source, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (payload) { if (payload) render(payload); })
      .catch(function () { /* keep showing the last figures; the next tick tries again */ });
  }

  var payload = JSON.parse(embedded.textContent);
  render(payload);
  tick();
  setInterval(tick, 1000);
  setInterval(refresh, (payload.refresh || 60) * 1000);
  window.addEventListener("resize", function () { Object.values(charts).forEach(function (c) { c.resize(); }); });
})();
