// Construction projects on the district map (issue 14), one colour per state; data from the page (CSP: no inline
// script), the chart library and the district GeoJSON loaded as on the dashboard. The reduced ECharts build has the
// map chart but neither scatter series nor the geo component, so the districts are a map series and each project is
// a link placed over it at the pixel the map gives for its coordinates (class qc-state-<STATE>: the colour of its
// state, the same as in the table beside the map, which is the text alternative).
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
      var overlay = document.getElementById('project-map-points');
      var chart = echarts.init(node);
      var statuses = data.statuses || {};
      chart.setOption({
        animation: false,
        tooltip: { show: false },
        series: [{ type: 'map', map: 'project-districts', roam: false, selectedMode: false, silent: true,
                   label: { show: true, fontSize: 11, color: '#5a6b7d' },
                   itemStyle: { areaColor: '#eef3f8', borderColor: '#8aa4bf' }, data: [] }]
      });
      function place() {
        overlay.textContent = '';
        (data.points || []).forEach(function (p) {
          var xy = chart.convertToPixel({ seriesIndex: 0 }, [p.lng, p.lat]);
          if (!xy || isNaN(xy[0]) || isNaN(xy[1])) { return; }
          var a = document.createElement('a');
          a.className = 'qc-map-dot qc-state-' + p.status;
          a.href = p.href;
          a.title = p.name + ' · ' + (statuses[p.status] || p.status);
          a.setAttribute('aria-label', a.title);
          a.setAttribute('data-status', p.status);
          a.style.left = xy[0] + 'px';
          a.style.top = xy[1] + 'px';
          overlay.appendChild(a);
        });
      }
      place();
      window.addEventListener('resize', function () { chart.resize(); place(); });
    });
  };
  document.head.appendChild(lib);
});
