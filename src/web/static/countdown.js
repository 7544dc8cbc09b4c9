// Counts down the undo window of alerts still waiting in the outbox: "sends in 42 s" → "sending…".
// The words match src/format.ts's formatWait; the server renders the first value.
(function () {
  'use strict';
  function wait(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    return s % 60 ? m + ' min ' + (s % 60) + ' s' : m + ' min';
  }
  function tick() {
    var waiting = document.querySelectorAll('[data-send-after]');
    var now = Date.now();
    for (var i = 0; i < waiting.length; i++) {
      var el = waiting[i];
      var left = (Date.parse(el.getAttribute('data-send-after')) - now) / 1000;
      var prefix = el.getAttribute('data-prefix') || '';
      if (left > 0) {
        el.textContent = prefix + 'sends in ' + wait(left);
      } else {
        el.textContent = prefix + 'sending…';
        el.removeAttribute('data-send-after');
        el.className = 'alert-status sending';
      }
    }
    if (waiting.length) setTimeout(tick, 1000);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', tick);
  else tick();
})();
