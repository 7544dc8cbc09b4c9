// Keyboard review for the queue (served as a file: the CSP allows no inline script). Every action is a plain
// form; this only moves a cursor and submits those forms, so the page works the same without JavaScript.
(function () {
  'use strict';
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card[data-id], .single[data-id]'));
  var help = document.getElementById('help');
  var current = -1;

  function typing(el) {
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }
  function select(i) {
    if (cards.length === 0) return;
    i = Math.max(0, Math.min(cards.length - 1, i));
    if (current >= 0 && cards[current]) cards[current].classList.remove('current');
    current = i;
    cards[i].classList.add('current');
    cards[i].scrollIntoView({ block: 'nearest' });
    document.querySelectorAll('input[name=at]').forEach(function (f) { f.value = String(current); });
  }
  function card() { return cards[current]; }
  function submit(sel) {
    var c = card();
    if (!c) return;
    var f = c.querySelector(sel);
    if (!f) return;
    var at = f.querySelector('input[name=at]');
    if (at) at.value = String(current);
    f.submit();
  }
  function open(sel, focus) {
    var c = card();
    if (!c) return;
    var d = c.querySelector(sel);
    if (!d) return;
    d.open = !d.open;
    if (d.open) {
      var f = d.querySelector(focus);
      if (f) { f.focus(); if (f.select) f.select(); }
    }
  }

  cards.forEach(function (c, i) {
    c.addEventListener('click', function (e) { if (!typing(e.target)) select(i); });
  });
  var params = new URLSearchParams(location.search);
  var at = Number(params.get('at'));
  select(Number.isFinite(at) ? at : 0);

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === 'Escape') {
        e.target.blur();
        var d = e.target.closest('details');
        if (d) d.open = false;
      }
      return;
    }
    switch (e.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'a': submit('form.act-approve'); break;
      case 'r': {
        var c = card();
        var reason = c && c.querySelector('form.act-reject input[name=reason]');
        if (reason) { reason.focus(); } else { submit('form.act-reject'); }
        break;
      }
      case 'e': open('details.act-edit', 'input,select'); break;
      case 'm': open('details.act-merge', 'input[name=into]'); break;
      case 'x': {
        var pick = card() && card().querySelector('input.pick');
        if (pick) pick.checked = !pick.checked;
        break;
      }
      case 'o': {
        var link = card() && card().querySelector('a.open');
        if (link) location.href = link.href;
        break;
      }
      case 'u': {
        var undo = document.getElementById('undo');
        if (undo) undo.submit();
        break;
      }
      case '?': if (help) help.classList.toggle('open'); break;
      case 'Escape': if (help) help.classList.remove('open'); break;
      default: return;
    }
    e.preventDefault();
  });
  if (help) help.addEventListener('click', function () { help.classList.remove('open'); });
})();
