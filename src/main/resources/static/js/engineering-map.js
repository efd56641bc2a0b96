// Construction projects on the district map (issue 14), one colour per state; data from the page (CSP: no inline
// script), the chart library and the district GeoJSON loaded as on the dashboard. The table beside it is the text
// alternative.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('project-map-data');
  var me = document.getElementById('project-map-script');
  if (!el || !me) { return; }
  var data = JSON.parse(el.textContent || '{}');
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-echarts');
  lib.onload = function () {
    fetch(me.getAttribute('data-geo')).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap('project-districts', geo);
      var node = document.getElementById('project-map');
      var chart = echarts.init(node);
      var colours = { PLANNED: '#6c757d', UNDER_CONSTRUCTION: '#0b4f8a', STOPPED: '#c0392b', COMPLETED: '#e0a800',
                      ACCEPTED: '#198754', FILED: '#20c997' };
      var statuses = data.statuses || {};
      var series = Object.keys(statuses).map(function (s) {
        return {
          name: statuses[s], type: 'scatter', coordinateSystem: 'geo', symbolSize: 8,
          itemStyle: { color: colours[s] || '#333' },
          data: (data.points || []).filter(function (p) { return p.status === s; })
            .map(function (p) { return { name: p.name, value: [p.lng, p.lat], href: p.href }; })
        };
      });
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'item', formatter: function (p) { return p.name + '<br>' + p.seriesName; } },
        legend: { bottom: 0, type: 'scroll' },
        geo: { map: 'project-districts', roam: true, label: { show: false },
               itemStyle: { areaColor: '#eef3f8', borderColor: '#8aa4bf' } },
        series: series
      });
      chart.on('click', function (p) { if (p.data && p.data.href) { window.location.href = p.data.href; } });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  };
  document.head.appendChild(lib);
});
