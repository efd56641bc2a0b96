// The operations page's devices on the district map (slot 5, issue 16): the districts drawn by ECharts from the city's
// GeoJSON (its geo component, as the dashboard's map), the devices as an SVG layer over it, placed with the map's own
// projection (convertToPixel) and moved with it when the map is zoomed or panned; colour and shape by state (online
// circle, offline square, alarm triangle). The bundled ECharts has no scatter chart, hence the layer. The page's live
// part refreshes itself (htmx); the map element is kept (hx-preserve) and the points are redrawn from the refreshed
// data. The device table below is the text alternative. Data from the page (CSP: no inline script).
(function () {
  var NS = 'http://www.w3.org/2000/svg';
  var chart = null;
  var layer = null;
  function data() {
    var el = document.getElementById('monitoring-map-data');
    return el ? JSON.parse(el.textContent || '{}') : {};
  }
  function shape(state, x, y) {
    var el;
    if (state === 'ALARM') {
      el = document.createElementNS(NS, 'path');
      el.setAttribute('d', 'M' + x + ' ' + (y - 9) + ' L' + (x + 9) + ' ' + (y + 7) + ' L' + (x - 9) + ' ' + (y + 7) + ' Z');
    } else if (state === 'OFFLINE') {
      el = document.createElementNS(NS, 'rect');
      el.setAttribute('x', x - 5); el.setAttribute('y', y - 5);
      el.setAttribute('width', 10); el.setAttribute('height', 10);
    } else {
      el = document.createElementNS(NS, 'circle');
      el.setAttribute('cx', x); el.setAttribute('cy', y); el.setAttribute('r', 6);
    }
    el.setAttribute('class', 'qc-mon-pt qc-mon-dot-' + String(state).toLowerCase());
    return el;
  }
  function draw() {
    var node = document.getElementById('monitoring-map');
    if (!chart || !node) { return; }
    if (!layer || !node.contains(layer)) {
      layer = document.createElementNS(NS, 'svg');
      layer.setAttribute('class', 'qc-mon-layer');
      layer.setAttribute('aria-hidden', 'true');
      node.appendChild(layer);
    }
    while (layer.firstChild) { layer.removeChild(layer.firstChild); }
    var d = data();
    var states = d.states || {};
    var shown = 0;
    (d.points || []).forEach(function (p) {
      var px = chart.convertToPixel('geo', [p.lng, p.lat]);
      if (!px || isNaN(px[0]) || isNaN(px[1])) { return; }
      var el = shape(p.state, Math.round(px[0] * 10) / 10, Math.round(px[1] * 10) / 10);
      el.setAttribute('data-device-id', p.id);
      var title = document.createElementNS(NS, 'title');
      title.textContent = p.name + ' · ' + (states[p.state] || p.state);
      el.appendChild(title);
      layer.appendChild(el);
      shown++;
    });
    node.setAttribute('data-points', String(shown));
  }
  document.addEventListener('DOMContentLoaded', function () {
    var me = document.getElementById('monitoring-map-script');
    var node = document.getElementById('monitoring-map');
    if (!me || !node) { return; }
    var lib = document.createElement('script');
    lib.src = me.getAttribute('data-echarts');
    lib.onload = function () {
      fetch(me.getAttribute('data-geo')).then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap('monitoring-districts', geo);
        chart = echarts.init(node);
        chart.setOption({
          animation: false,
          geo: { map: 'monitoring-districts', roam: true, label: { show: false },
                 itemStyle: { areaColor: '#eef3f8', borderColor: '#8aa4bf' } }
        });
        chart.on('georoam', function () { setTimeout(draw, 0); });
        draw();
        window.addEventListener('resize', function () { chart.resize(); draw(); });
      });
    };
    document.head.appendChild(lib);
  });
  document.addEventListener('htmx:afterSwap', draw);
}());
