// Running timers of the rescue orders: each .qc-timer counts down to its data-due (epoch ms) every second and turns
// red with the time overdue once passed. The rows themselves are refreshed by htmx every 10 seconds.
(function () {
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function fmt(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ':' + pad(m) : m) + ':' + pad(s % 60);
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('.qc-timer[data-due]').forEach(function (el) {
      var left = Number(el.getAttribute('data-due')) - now;
      if (left >= 0) {
        el.textContent = fmt(left);
        el.classList.remove('text-danger', 'fw-bold');
      } else {
        el.textContent = (el.getAttribute('data-late') || '+') + ' ' + fmt(left);
        el.classList.add('text-danger', 'fw-bold');
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { tick(); setInterval(tick, 1000); });
  document.addEventListener('htmx:afterSwap', tick);
}());
