// Upload forms of attachments: refuse a file above the limit before sending it (the server checks
// again; a too-large multipart request would otherwise fail before its CSRF token is read).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('input[type=file][data-max-size]').forEach(function (input) {
    input.addEventListener('change', function () {
      var max = parseInt(input.getAttribute('data-max-size'), 10);
      var tooLarge = Array.prototype.some.call(input.files || [], function (f) { return f.size > max; });
      input.setCustomValidity(tooLarge ? input.getAttribute('data-too-large') : '');
      if (tooLarge) { input.reportValidity(); }
    });
  });
});
