// "Cite this page" (rhannu/citation.py): the day the reader accessed the page, and a copy button.
// Without JavaScript the citation says "[date]" where the day goes and has no button; this only
// adds to a block that already works. Its strings come from the block's data attributes, in the
// page's language: the month names (so a Welsh page reads "5 Rhagfyr 2026" whatever the
// browser's own language), and what the button says when it has copied or could not.
(function () {
  "use strict";
  var block = document.querySelector(".rhannu-cite");
  if (!block) return;
  var text = block.querySelector(".rhannu-cite__text");
  var accessed = block.querySelector(".rhannu-cite__accessed");
  var copy = block.querySelector(".rhannu-cite__copy");
  if (!text || !accessed || !copy) return;

  var today = new Date();
  var months = accessed.dataset.months.split(",");
  var day = document.createElement("time");
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  day.dateTime = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  day.textContent = today.getDate() + " " + months[today.getMonth()] + " " + today.getFullYear();
  accessed.textContent = "";
  accessed.appendChild(day);

  var button = copy.querySelector("button");
  var status = copy.querySelector("[role=status]");
  var citation = function () { return text.textContent.replace(/\s+/g, " ").trim(); };

  function say(message) {
    status.textContent = "";
    // a fresh text node each time, so that a second copy is announced again
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function selectText() {
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback() {
    selectText();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    say(done ? button.dataset.copied : button.dataset.failed);
  }

  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(citation()).then(function () { say(button.dataset.copied); }, fallback);
    } else {
      fallback();
    }
  });
  copy.hidden = false;
})();
