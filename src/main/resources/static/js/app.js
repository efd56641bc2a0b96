// Behaviour shared by every page (no inline scripts: the content security policy forbids them).
document.addEventListener('DOMContentLoaded', function () {
  // htmx requests carry the CSRF token like forms do
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  document.body.addEventListener('htmx:configRequest', function (e) {
    if (token && header) { e.detail.headers[header.content] = token.content; }
  });
  // confirmation before destructive actions: <form data-confirm="message">
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (!window.confirm(f.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  });
  // auto-submit filters: <select data-autosubmit>
  document.querySelectorAll('[data-autosubmit]').forEach(function (el) {
    el.addEventListener('change', function () { el.form.submit(); });
  });
  // complaints (slot complaints): name, phone and request are required for a complaint, not for a report
  document.querySelectorAll('form input[name="type"][type="radio"]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      var complaint = radio.value !== 'REPORT';
      radio.form.querySelectorAll('[data-qc-required-complaint]').forEach(function (el) {
        el.required = complaint;
        el.setAttribute('aria-required', String(complaint));
      });
      radio.form.querySelectorAll('[data-qc-req-complaint]').forEach(function (el) { el.hidden = !complaint; });
    });
  });
  // counts of the work waiting (待办) beside the navigation entries, fetched after the page has loaded
  var badges = document.querySelectorAll('[data-qc-nav-count]');
  if (badges.length && window.fetch) {
    fetch('/workbench/counts', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (counts) {
        badges.forEach(function (b) {
          var n = counts[b.getAttribute('data-qc-nav-count')];
          if (n > 0) {
            b.textContent = n > 99 ? '99+' : String(n);
            b.title = b.getAttribute('data-qc-nav-title') + ' ' + n;
            b.hidden = false;
          }
        });
      })
      .catch(function () { /* counts are a convenience; the page works without them */ });
  }
});
