// One station's chart: daily AQI (air) or monthly water class (sections and sources); data from the page (CSP).
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('station-data');
  var me = document.getElementById('station-script');
  if (!el || !me) { return; }
  var data = JSON.parse(el.textContent || '{}');
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-echarts');
  lib.onload = function () {
    var node = document.getElementById('station-chart');
    if (!node) { return; }
    var c = echarts.init(node);
    var air = data.profile === 'AIR_STATION';
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: air ? data.days : data.months },
      yAxis: air ? { type: 'value', min: 0 } : { type: 'value', min: 1, max: 6, inverse: true, interval: 1 },
      visualMap: air ? { show: false, pieces: [{ lte: 50, color: '#2e9d48' }, { gt: 50, lte: 100, color: '#d4b106' },
        { gt: 100, lte: 150, color: '#f08c00' }, { gt: 150, lte: 200, color: '#d9480f' }, { gt: 200, color: '#862e9c' }] }
        : { show: false, pieces: [{ lte: 3, color: '#1971c2' }, { gt: 3, color: '#c92a2a' }] },
      series: [{ type: air ? 'line' : 'bar', data: air ? data.aqi : data.classes, symbolSize: 3,
        markLine: air ? { silent: true, symbol: 'none', data: [{ yAxis: 100 }] } : undefined }]
    });
    window.addEventListener('resize', function () { c.resize(); });
  };
  document.head.appendChild(lib);
});
