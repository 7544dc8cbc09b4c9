// Keyboard review for the queue and the deal page (served as a file: the CSP allows no inline script). Every action
// is a plain form; this only moves a cursor, opens those forms and submits them, so the page works without it.
// A key is a shortcut only when nothing else could want it: no field, form, dialog or open panel has focus, and no
// modifier is held. Typing can therefore never approve, reject or undo anything.
(function () {
  'use strict';
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card[data-id], .single[data-id]'));
  var help = document.getElementById('help');
  var current = -1;
  var busy = false;

  function inside(el, selector) {
    return Boolean(el && el.closest && el.closest(selector));
  }
  /** Focus is somewhere a key means text or a control, not a shortcut. */
  function focusWantsKeys(el) {
    if (!el || el === document.body || el === document.documentElement) return false;
    if (el.isContentEditable) return true;
    if (/^(INPUT|TEXTAREA|SELECT|BUTTON|OPTION)$/.test(el.tagName)) return true;
    return inside(el, 'form, dialog, [role=dialog], details[open]');
  }
  function openPanel() {
    return document.querySelector('.actions details[open]');
  }
  function helpOpen() {
    return Boolean(help && help.classList.contains('open'));
  }
  function visible(el) {
    return Boolean(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length));
  }
  function firstField(root) {
    var fields = root.querySelectorAll('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
    for (var i = 0; i < fields.length; i++) if (visible(fields[i])) return fields[i];
    return null;
  }
  function setAt(i) {
    document.querySelectorAll('input[name=at]').forEach(function (f) { f.value = String(i); });
  }
  function select(i, scroll) {
    if (cards.length === 0) return;
    i = Math.max(0, Math.min(cards.length - 1, i));
    if (current >= 0 && cards[current]) cards[current].classList.remove('current');
    current = i;
    cards[i].classList.add('current');
    if (scroll !== false) cards[i].scrollIntoView({ block: 'nearest' });
    setAt(current);
  }
  function card() { return cards[current]; }
  function submit(sel) {
    var c = card();
    var f = c && c.querySelector(sel);
    if (!f || busy) return;
    busy = true;
    setAt(current);
    f.submit();
  }
  function closePanels(except) {
    document.querySelectorAll('.actions details[open]').forEach(function (d) { if (d !== except) d.open = false; });
  }
  /** Opens a card's reject, edit or merge panel and puts the cursor in its first visible field. */
  function openPanelOf(sel) {
    var c = card();
    var d = c && c.querySelector(sel);
    if (!d) return;
    closePanels(d);
    d.open = true;
    var f = firstField(d);
    if (f) { f.focus(); if (f.select && f.type !== 'number') f.select(); }
  }
  /** Escape: close the panel holding focus (or any open one) and give focus back to its card. */
  function closeToCard(from) {
    var d = (from && from.closest && from.closest('details[open]')) || openPanel();
    var owner = (d && d.closest('.card[data-id], .single[data-id]')) || card();
    if (d) d.open = false;
    if (owner) {
      var i = cards.indexOf(owner);
      if (i >= 0) select(i, false);
      if (!owner.hasAttribute('tabindex')) owner.setAttribute('tabindex', '-1');
      owner.focus({ preventScroll: true });
    }
  }

  cards.forEach(function (c, i) {
    c.addEventListener('click', function () { select(i, false); });
    c.querySelectorAll('.actions details').forEach(function (d) {
      // Opened with the mouse: the same as with the key.
      d.addEventListener('toggle', function () {
        if (!d.open) return;
        select(i, false);
        closePanels(d);
        if (!inside(document.activeElement, 'details[open]') || document.activeElement.tagName === 'SUMMARY') {
          var f = firstField(d);
          if (f) f.focus();
        }
      });
    });
  });

  var params = new URLSearchParams(location.search);
  var at = Number(params.get('at'));
  select(Number.isFinite(at) ? at : 0);

  // The notice of the last action sits beside its card: bring both into view, and announce it (a live region
  // present at load is not read by every screen reader, so its text is set again once the page is up).
  var notice = document.getElementById('notice');
  if (notice) {
    notice.scrollIntoView({ block: 'center' });
    if (card()) card().scrollIntoView({ block: 'nearest' });
    var text = notice.querySelector('.text') || notice;
    var said = text.textContent;
    if (text !== notice) {
      text.textContent = '';
      setTimeout(function () { text.textContent = said; }, 150);
    }
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.isComposing) return;
    if (e.key === 'Escape') {
      if (helpOpen()) { closeHelp(); e.preventDefault(); return; }
      if (openPanel() || inside(e.target, '.actions details')) { closeToCard(e.target); e.preventDefault(); return; }
      if (focusWantsKeys(e.target) && e.target.blur) { e.target.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.shiftKey && e.key !== '?') return;
    if (focusWantsKeys(e.target) || focusWantsKeys(document.activeElement)) return;
    if (e.key === '?') { if (help) openHelp(); e.preventDefault(); return; }
    if (helpOpen() || openPanel() || busy) return;
    if (e.repeat && e.key !== 'j' && e.key !== 'k') return;
    switch (e.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'a': submit('form.act-approve'); break;
      case 'r': openPanelOf('details.act-reject'); break;
      case 'e': openPanelOf('details.act-edit'); break;
      case 'm': openPanelOf('details.act-merge'); break;
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
        if (undo) { busy = true; undo.submit(); }
        break;
      }
      default: return;
    }
    e.preventDefault();
  });
  function openHelp() {
    help.classList.add('open');
    var box = help.querySelector('.box');
    if (box) box.focus();
  }
  /** Closing the help gives focus back to the card it was opened from. */
  function closeHelp() {
    help.classList.remove('open');
    var c = card();
    if (c) {
      if (!c.hasAttribute('tabindex')) c.setAttribute('tabindex', '-1');
      c.focus({ preventScroll: true });
    }
  }
  if (help) help.addEventListener('click', closeHelp);
})();
