// The public portal's district map: coloured by the chosen indicator's status (approved values only, from the page:
// no inline script under the CSP). The charts library is loaded after the page is ready; the table beside the map
// says the same in words, so the page works without it.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('portal-map-data');
  var me = document.getElementById('portal-script');
  var mapEl = document.getElementById('map');
  if (!el || !me || !mapEl) { return; }
  var data = JSON.parse(el.textContent || '{}');
  if (!data.indicator) { mapEl.hidden = true; return; }
  var colours = { MET: '#2e9e5b', ON_TRACK: '#6cc08b', AT_RISK: '#f0ad4e', NOT_MET: '#d9534f',
                  NO_DATA: '#ced4da', PENDING_ASSESSMENT: '#adb5bd' };
  var unit = data.percent ? ' %' : '';
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-echarts');
  lib.onload = function () {
    fetch(me.getAttribute('data-geo')).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap('city', geo);
      var chart = echarts.init(mapEl);
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'item', formatter: function (p) {
          var v = p.data && p.data.value != null ? Number(p.data.value).toFixed(2) + unit : '—';
          return p.name + '<br>' + v + ' · ' + ((p.data && data.statusWords[p.data.status]) || ''); } },
        series: [{
          type: 'map', map: 'city', roam: false,
          label: { show: true, fontSize: 11 },
          nameMap: data.map.reduce(function (n, m) { n[m.geoName] = m.name; return n; }, {}),
          data: data.map.map(function (m) {
            return { name: m.name, value: m.value, status: m.status,
                     itemStyle: { areaColor: colours[m.status] || colours.NO_DATA } };
          })
        }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  };
  document.head.appendChild(lib);
  var sel = document.getElementById('indicator');
  if (sel) { sel.addEventListener('change', function () { sel.form.submit(); }); }
});
