// Indicator dashboard: district map coloured by the selected indicator's attainment, and its trend
// with the target line. Data comes from the page (no inline script: CSP). The charts library is loaded
// here, after the page is ready, so that it does not hold up the first paint; its content-hashed URL comes
// from the script tag's data-echarts attribute (likewise the map's data-geo).
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('dashboard-data');
  var me = document.getElementById('dashboard-script');
  if (!el || !me) { return; }
  var data = JSON.parse(el.textContent || '{}');
  if (!data.indicator) { return; }
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-echarts');
  lib.onload = function () { draw(data, me.getAttribute('data-geo')); };
  document.head.appendChild(lib);
});

function draw(data, geoUrl) {
  var colours = { MET: '#2e9e5b', ON_TRACK: '#6cc08b', AT_RISK: '#f0ad4e', NOT_MET: '#d9534f',
                  NO_DATA: '#ced4da', PENDING_ASSESSMENT: '#adb5bd' };
  var unit = data.percent ? ' %' : '';

  var mapEl = document.getElementById('map');
  fetch(geoUrl).then(function (r) { return r.json(); }).then(function (geo) {
    echarts.registerMap('city', geo);
    var chart = echarts.init(mapEl);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) {
        var v = p.data && p.data.value != null ? Number(p.data.value).toFixed(2) + unit : '—';
        var word = p.data && data.statusWords ? (data.statusWords[p.data.status] || '') : '';
        return p.name + '<br>' + v + (word ? ' · ' + word : ''); } },
      series: [{
        type: 'map', map: 'city', roam: false,
        label: { show: true, fontSize: 11, formatter: function (p) {
          var word = p.data && data.statusWords ? (data.statusWords[p.data.status] || '') : '';
          return p.name + (word ? '\n' + word.split(' ')[0] : ''); } },
        // the GeoJSON names its regions in Chinese; labels and tooltips use the screen's language
        nameMap: data.map.reduce(function (names, m) { names[m.geoName || m.name] = m.name; return names; }, {}),
        data: data.map.map(function (m) {
          return { name: m.name, value: m.value, code: m.code, status: m.status,
                   itemStyle: { areaColor: colours[m.status] || colours.NO_DATA } };
        })
      }]
    });
    chart.on('click', function (p) {
      if (p.data && p.data.code) {
        var period = document.getElementById('period').value;
        window.location.href = '/indicators/value/' + data.indicator + '/' + p.data.code + '/' + period;
      }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });

  var trend = echarts.init(document.getElementById('trend'));
  var series = data.series.map(function (s) {
    return { name: s.name, type: 'line', connectNulls: true, data: s.data, symbolSize: 5 };
  });
  if (data.target != null && series.length) {
    series[0].markLine = { symbol: 'none', lineStyle: { type: 'dashed', color: '#d9534f' },
                           label: { position: 'insideEndTop', formatter: (data.targetLabel || '') + ' ' + data.target + unit },
                           data: [{ yAxis: Number(data.target) }] };
  }
  trend.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 24, top: 24, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: data.periods },
    yAxis: { type: 'value', scale: true },
    series: series
  });
  window.addEventListener('resize', function () { trend.resize(); });
}
