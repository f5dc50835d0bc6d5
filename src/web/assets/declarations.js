// The declaration draft's buttons: Copy puts a field's digits (as eTax takes them) on the clipboard,
// or selects the figure where the clipboard is not allowed; Print prints the draft (declarations.css).
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("[data-copy]");
  if (!b) return;
  var value = b.getAttribute("data-copy");
  var done = function () { b.textContent = "✓"; };
  var select = function () {
    var shown = b.previousElementSibling;
    if (!shown) return;
    var range = document.createRange();
    range.selectNodeContents(shown);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, select);
  else select();
});
var printButton = document.getElementById("print");
if (printButton) printButton.addEventListener("click", function () { window.print(); });
