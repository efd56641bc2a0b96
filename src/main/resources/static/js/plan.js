// Plan import page (/plan/import). Loaded as a file because the CSP allows no inline script.
(function () {
  'use strict';
  // a chosen file is shown in the text area before checking, so the administrator sees what is sent;
  // the file input is then cleared so that the (possibly edited) text is what the server checks
  document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
    input.addEventListener('change', function () {
      var target = document.getElementById(input.getAttribute('data-fills'));
      var file = input.files && input.files[0];
      if (!target || !file || typeof FileReader === 'undefined') {
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        target.value = String(reader.result).replace(/^\uFEFF/, '');
        input.value = '';
      };
      reader.readAsText(file, 'UTF-8');
    });
  });
}());
