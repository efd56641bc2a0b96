// The trace graph of a batch (issue 17): batches back and forward and the places they went to, as an ECharts graph.
// Nodes: batches (circles, recalled ones red) and places (squares); edges: transformations and packing between batches,
// shipments and receipts from a batch to a place. Data from the page (CSP); ECharts loaded on demand.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('trace-graph-data');
  var me = document.getElementById('trace-graph-script');
  var node = document.getElementById('trace-graph');
  if (!el || !me || !node) { return; }
  var data = JSON.parse(el.textContent || '{}');
  var lib = document.createElement('script');
  lib.src = me.getAttribute('data-echarts');
  lib.onload = function () {
    var c = echarts.init(node);
    // a layered layout: batches by depth (back to the left, forward to the right), places one column right of
    // the batch they were reached from
    var columns = {};
    var depth = {};
    (data.nodes || []).forEach(function (n) { if (n.kind === 'batch') { depth[n.id] = n.depth; } });
    (data.edges || []).forEach(function (e) {
      if (depth[e.target] === undefined && depth[e.source] !== undefined) { depth[e.target] = depth[e.source] + 0.5; }
    });
    var nodes = (data.nodes || []).map(function (n) {
      var d = depth[n.id] !== undefined ? depth[n.id] : 0;
      columns[d] = (columns[d] || 0) + 1;
      var recalled = n.status === 'RECALLED';
      return {
        id: n.id, name: n.label, x: d * 220, y: columns[d] * 70, symbol: n.kind === 'place' ? 'rect' : 'circle',
        symbolSize: n.kind === 'place' ? 14 : 18, category: recalled ? 2 : (n.kind === 'place' ? 1 : 0),
        itemStyle: { color: recalled ? '#c92a2a' : (n.kind === 'place' ? '#868e96' : '#1971c2') },
        value: n.href || ''
      };
    });
    c.setOption({
      animation: false,
      tooltip: { formatter: function (p) { return p.dataType === 'edge' ? p.data.kind : p.name; } },
      legend: { data: [node.getAttribute('data-batch'), node.getAttribute('data-place'), node.getAttribute('data-recalled')] },
      series: [{
        type: 'graph', layout: 'none', roam: true, label: { show: true, position: 'bottom', fontSize: 11 },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7, lineStyle: { color: '#adb5bd', curveness: 0.1 },
        categories: [{ name: node.getAttribute('data-batch'), itemStyle: { color: '#1971c2' } },
          { name: node.getAttribute('data-place'), itemStyle: { color: '#868e96' } },
          { name: node.getAttribute('data-recalled'), itemStyle: { color: '#c92a2a' } }],
        data: nodes,
        links: (data.edges || []).map(function (e) { return { source: e.source, target: e.target, kind: e.kind }; })
      }]
    });
    c.on('click', function (p) { if (p.dataType === 'node' && p.data.value) { window.location.href = p.data.value; } });
    node.setAttribute('data-rendered', String(nodes.length));
    window.addEventListener('resize', function () { c.resize(); });
  };
  document.head.appendChild(lib);
});
