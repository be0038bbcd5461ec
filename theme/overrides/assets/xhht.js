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
