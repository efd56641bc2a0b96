// The quality office's big screen: fetches /api/v1/big-screen every data-refresh ms and rotates the right-hand
// panels every data-rotate ms, without reloading the page. One chart instance is kept and updated with setOption
// (never re-created), list contents are replaced, and timers are set once, so that hours of refreshes do not grow
// the page's memory. window.qcBigScreen counts refreshes and rotations (the heap test reads them).
(function () {
  var me = document.getElementById('bs-script');
  var words = JSON.parse((document.getElementById('bs-words') || {}).textContent || '{}');
  var colours = { MET: '#2e9e5b', ON_TRACK: '#6cc08b', AT_RISK: '#f0ad4e', NOT_MET: '#d9534f',
                  NO_DATA: '#3b4657', PENDING_ASSESSMENT: '#6c757d' };
  var state = { indicator: null, chart: null, mapReady: false, refreshes: 0, rotations: 0, errors: 0, last: null };
  window.qcBigScreen = state;

  function text(el, s) { el.textContent = s == null ? '' : String(s); }
  function li(s, cls) { var e = document.createElement('li'); text(e, s); if (cls) { e.className = cls; } return e; }
  function num(v) { return v == null ? '—' : String(Math.round(Number(v) * 100) / 100); }

  function render(d) {
    state.last = d.generatedAt;
    text(document.getElementById('bs-year'), d.year);
    text(document.getElementById('bs-updated'), (d.generatedAt || '').replace('T', ' ').substring(0, 19));
    var sel = document.getElementById('bs-indicator');
    if (sel.options.length !== d.choices.length) {
      sel.replaceChildren();
      d.choices.forEach(function (c) { var o = document.createElement('option'); o.value = c.code; text(o, c.name); sel.appendChild(o); });
    }
    if (d.map) { sel.value = d.map.indicator; text(document.getElementById('bs-map-name'), d.map.name); }
    text(document.getElementById('bs-met'), (words.met || '') + ' ' + d.met + ' / ' + d.total);
    var risky = document.getElementById('bs-risky');
    var listsKey = JSON.stringify([d.risky, d.complaints, d.tasks, d.alarms]);
    if (listsKey === state.listsKey) { drawMap(d.map); return; }
    state.listsKey = listsKey;
    risky.replaceChildren.apply(risky, d.risky.map(function (r) {
      return li(r.statusWord + ' · ' + r.code + ' ' + r.name + ': ' + num(r.value) + r.unit + ' / ' + num(r.target) + r.unit,
                'qc-bs-' + r.status);
    }));
    text(document.getElementById('bs-complaints-total'), d.complaints.total);
    var cl = document.getElementById('bs-complaints');
    cl.replaceChildren.apply(cl, d.complaints.districts.map(function (c) { return li(c.name + ': ' + c.total); }));
    var tb = document.getElementById('bs-tasks');
    tb.replaceChildren.apply(tb, d.tasks.map(function (t) {
      var tr = document.createElement('tr');
      [t.unit, t.closed + ' / ' + t.tasks, t.overdue, t.percent + ' %'].forEach(function (v) {
        var td = document.createElement('td'); text(td, v); tr.appendChild(td); });
      return tr;
    }));
    text(document.getElementById('bs-alarms-total'), d.alarms.total);
    var al = document.getElementById('bs-alarms');
    al.replaceChildren.apply(al, d.alarms.rows.map(function (a) {
      return li(a.severityWord + ' · ' + a.unit + ' · ' + a.device + ' · ' + a.rule + ' · '
                + (a.raisedAt || '').replace('T', ' ').substring(11, 16), 'qc-bs-alarm-' + a.severity);
    }));
    drawMap(d.map);
  }

  function drawMap(m) {
    if (!state.chart || !state.mapReady) { state.pendingMap = m; return; }
    // an unchanged answer leaves the chart alone (no new options, no new closures)
    var key = JSON.stringify(m);
    if (key === state.mapKey) { return; }
    state.mapKey = key;
    if (!m) { state.chart.clear(); return; }
    var unit = m.percent ? ' %' : '';
    state.chart.setOption({
      animation: false,
      series: [{
        type: 'map', map: 'city', roam: false,
        label: { show: true, color: '#fff', fontSize: 16, formatter: function (p) {
          return p.name + '\n' + (p.data ? num(p.data.value) + unit + ' ' + (p.data.word || '').split(' ')[0] : ''); } },
        nameMap: m.areas.reduce(function (n, a) { n[a.geoName] = a.name; return n; }, {}),
        itemStyle: { borderColor: '#0b1220' },
        data: m.areas.map(function (a) {
          return { name: a.name, value: a.value, word: a.statusWord,
                   itemStyle: { areaColor: colours[a.status] || colours.NO_DATA } };
        })
      }]
    }, { replaceMerge: ['series'] });
  }

  function refresh() {
    var url = me.getAttribute('data-api') + (state.indicator ? '?indicator=' + encodeURIComponent(state.indicator) : '');
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (d) { render(d); state.refreshes++; })
      .catch(function () { state.errors++; });
  }

  function rotate() {
    var panels = document.querySelectorAll('.qc-bs-rotor');
    var shown = 0;
    panels.forEach(function (p, i) { if (!p.hidden) { shown = i; } });
    panels.forEach(function (p, i) { p.hidden = i !== (shown + 1) % panels.length; });
    state.rotations++;
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('bs-indicator').addEventListener('change', function (e) {
      state.indicator = e.target.value; refresh();
    });
    var lib = document.createElement('script');
    lib.src = me.getAttribute('data-echarts');
    lib.onload = function () {
      fetch(me.getAttribute('data-geo')).then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap('city', geo);
        state.chart = echarts.init(document.getElementById('bs-map'), null, { renderer: 'canvas' });
        state.mapReady = true;
        if (state.pendingMap !== undefined) { drawMap(state.pendingMap); }
        window.addEventListener('resize', function () { state.chart.resize(); });
      });
    };
    document.head.appendChild(lib);
    refresh();
    setInterval(refresh, Number(me.getAttribute('data-refresh')) || 60000);
    setInterval(rotate, Number(me.getAttribute('data-rotate')) || 15000);
  });
})();
