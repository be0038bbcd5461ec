// Copy-link controls: a click on "#" next to a target or section copies its
// permanent address. Without JavaScript the "#" is still a plain link.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.xhht-anchor") : null;
  if (!link || !navigator.clipboard) return;
  var url = new URL(link.getAttribute("href"), window.location.href).href;
  navigator.clipboard.writeText(url).then(function () {
    link.classList.add("xhht-copied");
    link.setAttribute("data-copied", "Đã sao chép");
    setTimeout(function () { link.classList.remove("xhht-copied"); }, 1500);
  }, function () { /* clipboard refused: the link still navigates */ });
});

// "Sao chép trích dẫn": copies the citation of the document as the page shows it. The button is hidden in the
// page and shown here, where copying can work; without JavaScript the citation is selectable text.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("section button.xhht-copy").forEach(function (button) {
    var source = button.closest("section").querySelector(".xhht-citation-text");
    if (!source) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.replace(/\s+/g, " ").trim();
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () { /* clipboard refused: the text stays selectable */ });
    });
  });
})();
