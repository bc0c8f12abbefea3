/* atiende.js: small enhancements only; every page works without it.
 *
 * data-confirm="message" on a form, or on a submit button, asks
 * window.confirm(message) before the form is sent; "Cancel" keeps the page as
 * it is. Without JavaScript the form is simply sent (the server side never
 * relies on this question).
 */
(function () {
  'use strict';

  // The button that submitted the form: SubmitEvent.submitter where the
  // browser has it, else the last submit button clicked in that form.
  var lastClicked = null;

  document.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('button, input[type="submit"], input[type="image"]') : null;
    lastClicked = b && b.form ? b : null;
  }, true);

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    var submitter = e.submitter || (lastClicked && lastClicked.form === form ? lastClicked : null);
    lastClicked = null;
    var message = (submitter && submitter.getAttribute('data-confirm')) ||
                  form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

}());
