// Complaint statistics: monthly trend (line), district map, fastest-rising categories and respondents (bars).
// Data comes from the page (no inline script: CSP); the tables beside the charts are their text alternatives.
// As on the dashboard, the charts library is loaded after the page is ready (data-echarts), the map from data-geo.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('complaint-stats-data');
  var me = document.getElementById('complaint-stats-script');
  if (!el || !me) { return; }
  var data = JSON.parse(el.textContent || '{}');
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-echarts');
  lib.onload = function () { drawComplaintStats(data, me.getAttribute('data-geo')); };
  document.head.appendChild(lib);
});

function drawComplaintStats(data, geoUrl) {
  var labels = data.labels || {};
  var charts = [];
  function chart(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    var c = echarts.init(node);
    charts.push(c);
    return c;
  }

  var trend = chart('chart-trend');
  if (trend) {
    trend.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: data.months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: labels.cases, type: 'line', data: data.monthly, symbolSize: 6, areaStyle: { opacity: 0.08 } }]
    });
  }

  function bars(id, rows) {
    var c = chart(id);
    if (!c) { return; }
    var names = rows.map(function (r) { return r.name; }).reverse();
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { name: labels.previous, type: 'bar', data: rows.map(function (r) { return r.previous; }).reverse(),
          itemStyle: { color: '#adb5bd' } },
        { name: labels.current, type: 'bar', data: rows.map(function (r) { return r.count; }).reverse(),
          itemStyle: { color: '#0b4f8a' } }
      ]
    });
  }
  bars('chart-categories', data.categories || []);
  bars('chart-respondents', data.respondents || []);

  var mapEl = document.getElementById('chart-map');
  if (mapEl && geoUrl) {
    fetch(geoUrl).then(function (r) { return r.json(); }).then(function (geo) {
      // the districts by the screen's names: each feature (named in Chinese) is renamed to the screen's name
      var byFeature = {};
      (data.districts || []).forEach(function (d) { byFeature[d.feature] = d; });
      geo.features.forEach(function (f) {
        var d = byFeature[f.properties.name];
        if (d) { f.properties.name = d.name; }
      });
      echarts.registerMap('complaint-districts', geo);
      var values = (data.districts || []).filter(function (d) { return d.value != null; })
        .map(function (d) { return d.value; });
      var max = values.length ? Math.max.apply(null, values) : 1;
      var map = chart('chart-map');
      map.setOption({
        animation: false,
        tooltip: { trigger: 'item', formatter: function (p) {
          return p.name + '<br>' + (p.data && p.data.value != null ? p.data.value : '—'); } },
        visualMap: { min: 0, max: max || 1, left: 8, bottom: 8, calculable: false, itemHeight: 80,
                     inRange: { color: ['#e3ecf6', '#0b4f8a'] } },
        series: [{
          type: 'map', map: 'complaint-districts', roam: false, label: { show: true, fontSize: 11 },
          data: (data.districts || []).map(function (d) { return { name: d.name, value: d.value }; })
        }]
      });
    });
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
}
