// Working-day calendar page (/calendar). Loaded as a file because the CSP allows no inline script.
(function () {
  'use strict';

  // choosing a year shows it at once; the "show" button remains for keyboards and no-script use
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) {
        select.form.submit();
      }
    });
  });

  // an uploaded list is shown in the text area before saving, so the administrator can check it
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
      };
      reader.readAsText(file, 'UTF-8');
    });
  });
}());
