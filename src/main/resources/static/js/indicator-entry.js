// Data entry form (issue 12 entry): checks in the browser before posting — a number, not below 0, not above the
// element's maximum, a counted rate's numerator not above its denominator. The server checks again; the messages
// come from the page (data-error-* attributes), so they are in the screen's language.
(function () {
  'use strict';
  var form = document.getElementById('entry-form');
  if (!form) {
    return;
  }

  function format(template, args) {
    return template.replace(/\{(\d+)\}/g, function (m, i) {
      return args[Number(i)] === undefined ? m : args[Number(i)];
    });
  }

  function problem(input) {
    var raw = input.value.trim();
    var label = input.getAttribute('data-label') || input.name;
    if (raw === '' && input.validity && input.validity.badInput) {
      return format(form.getAttribute('data-error-number'), [label]);
    }
    if (raw === '') {
      return null;
    }
    var value = Number(raw);
    if (!isFinite(value)) {
      return format(form.getAttribute('data-error-number'), [label]);
    }
    if (value < 0) {
      return format(form.getAttribute('data-error-negative'), [label]);
    }
    var max = input.getAttribute('max');
    if (max !== null && max !== '' && value > Number(max)) {
      return format(form.getAttribute('data-error-max'), [label, max]);
    }
    var denominatorId = input.getAttribute('data-denominator');
    if (denominatorId) {
      var denominator = document.getElementById(denominatorId);
      if (denominator && denominator.value.trim() !== '' && value > Number(denominator.value)) {
        return input.getAttribute('data-error-ratio');
      }
    }
    return null;
  }

  function check(input) {
    var message = problem(input);
    var box = document.getElementById('check_' + input.name.substring(2));
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.classList.add('is-invalid');
      if (box) {
        box.textContent = message;
        box.classList.add('d-block');
        input.setAttribute('aria-describedby', box.id);
      }
    } else if (!document.getElementById('err_' + input.name.substring(2))) {
      input.removeAttribute('aria-invalid');
      input.classList.remove('is-invalid');
      if (box) {
        box.textContent = '';
        box.classList.remove('d-block');
        input.removeAttribute('aria-describedby');
      }
    } else if (box) {
      box.textContent = '';
      box.classList.remove('d-block');
    }
    return !message;
  }

  function inputs() {
    return Array.prototype.slice.call(form.querySelectorAll('input[name^="v_"]:not([disabled])'));
  }

  inputs().forEach(function (input) {
    input.addEventListener('change', function () {
      check(input);
      // a changed denominator re-checks its numerator
      inputs().forEach(function (other) {
        if (other.getAttribute('data-denominator') === input.id) {
          check(other);
        }
      });
    });
  });

  form.addEventListener('submit', function (event) {
    var first = null;
    inputs().forEach(function (input) {
      if (!check(input) && !first) {
        first = input;
      }
    });
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });
}());
