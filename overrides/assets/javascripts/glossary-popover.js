/* A policy page's term links: each shows the definition it leads to in a popover beside it, on hover, on
 * keyboard focus and on a tap, and Escape hides it. The popovers are the page's own (generator/writers/
 * html.py renders one per term, hidden, and names it as the link's description: `aria-describedby`), so
 * this script decides only when one shows and where: it says nothing of its own.
 *
 * A mouse click follows the link as any link does. A tap on a phone has no hover before it, so a first
 * tap shows the definition instead of leaving the page; a second tap on the same link, or the popover's
 * own link, leads to the glossary. The popover stays while the pointer moves onto it (so it can be read
 * and its link reached) and until the pointer and focus have both left, or Escape, or a tap elsewhere. */
(function () {
  "use strict";

  var GAP = 6; // px between the link and its popover
  var MARGIN = 8; // px the popover keeps from the edges of the window
  var LEAVE_DELAY = 300; // ms to move the pointer from a link onto its popover

  var shown = null; // {link, popover} showing, or null
  var dismissed = null; // the link Escape hid the popover of: not shown again until pointer and focus leave it
  var leaving = 0; // the timer hiding the popover after the pointer left
  var touched = null; // the link a touch went down on, and whether its popover was showing then

  function popoverOf(link) {
    var quote = document.getElementById(link.getAttribute("aria-describedby") || "");
    return quote ? quote.closest(".term-popover") : null;
  }

  function termLink(target) {
    return target instanceof Element ? target.closest("a.term-link") : null;
  }

  function inPopover(target) {
    return Boolean(shown && target instanceof Node && shown.popover.contains(target));
  }

  /** Below the link (above it when the window has no room below), inside the window's width. */
  function place(link, popover) {
    popover.style.left = "0px";
    popover.style.top = "0px";
    var origin = popover.getBoundingClientRect(); // where (0, 0) of its containing block is in the window
    var rects = link.getClientRects();
    var box = rects.length ? rects[0] : link.getBoundingClientRect(); // a link broken over lines: its first line
    var width = popover.offsetWidth, height = popover.offsetHeight;
    var left = Math.max(MARGIN, Math.min(box.left, window.innerWidth - width - MARGIN));
    var top = box.bottom + GAP;
    if (top + height > window.innerHeight - MARGIN && box.top - GAP - height >= MARGIN) top = box.top - GAP - height;
    popover.style.left = left - origin.left + "px";
    popover.style.top = top - origin.top + "px";
  }

  function show(link) {
    clearTimeout(leaving);
    if (dismissed === link) return;
    var popover = popoverOf(link);
    if (!popover) return;
    if (shown && shown.link === link) return;
    hide();
    // Beside the link in the page, so that what is read after the link is its definition.
    link.after(popover);
    popover.hidden = false;
    place(link, popover);
    shown = {link: link, popover: popover};
  }

  function hide() {
    clearTimeout(leaving);
    if (!shown) return;
    var focusWasInside = shown.popover.contains(document.activeElement);
    shown.popover.hidden = true;
    if (focusWasInside) shown.link.focus(); // focus goes back to the link it was shown for, not to the page
    shown = null;
  }

  function hideSoon() {
    clearTimeout(leaving);
    leaving = setTimeout(function () {
      if (shown && document.activeElement !== shown.link) hide();
    }, LEAVE_DELAY);
  }

  function isHover(event) {
    return event.pointerType === "mouse" || event.pointerType === "pen";
  }

  document.addEventListener("pointerover", function (event) {
    if (!isHover(event)) return;
    var link = termLink(event.target);
    if (link !== dismissed) dismissed = null; // the pointer has left the link Escape was pressed on
    if (link) show(link);
    else if (inPopover(event.target)) clearTimeout(leaving);
  });

  document.addEventListener("pointerout", function (event) {
    if (!isHover(event) || !shown) return;
    var from = termLink(event.target) === shown.link || inPopover(event.target);
    var to = termLink(event.relatedTarget) === shown.link || inPopover(event.relatedTarget);
    if (from && !to) hideSoon();
  });

  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) show(link);
  });

  document.addEventListener("focusout", function (event) {
    var link = termLink(event.target);
    if (dismissed && link === dismissed) dismissed = null;
    if (!shown || (link !== shown.link && !inPopover(event.target))) return;
    if (termLink(event.relatedTarget) === shown.link || inPopover(event.relatedTarget)) return;
    hide();
  });

  document.addEventListener("pointerdown", function (event) {
    var link = termLink(event.target);
    if (event.pointerType === "touch") touched = link ? {link: link, open: Boolean(shown && shown.link === link)} : null;
    if (shown && !link && !inPopover(event.target)) hide(); // a tap or a click elsewhere
  });

  document.addEventListener("click", function (event) {
    var link = termLink(event.target);
    var touch = touched;
    touched = null;
    if (!link || !touch || touch.link !== link || touch.open) return; // a mouse, the keyboard, or a second tap: follow it
    event.preventDefault();
    dismissed = null;
    show(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !shown) return;
    dismissed = shown.link;
    hide();
  });

  window.addEventListener("resize", function () {
    if (shown) place(shown.link, shown.popover);
  });
})();
