// Live preview (served by `python -m generator serve` only): reload the page when a
// new build is published; while the content has problems, list them in a banner.
(function () {
  "use strict";
  var STATUS_URL = "/__preview/status";
  var BOX_ID = "xhht-preview-problems";
  var HEADING = "Nội dung có lỗi, trang xem trước đang hiển thị bản tốt gần nhất";
  var HINT = "Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại.";
  var script = document.currentScript;
  var loaded = script && script.dataset.version ? Number(script.dataset.version) : null;
  var shown = "[]";
  var round = null;

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  // Styles through the CSSOM: the policy (style-src 'self') blocks style attributes, not this.
  function banner(problems) {
    var box = element("section");
    box.id = BOX_ID;
    box.setAttribute("role", "alert");
    var s = box.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "10000";
    s.maxHeight = "45vh"; s.overflow = "auto"; s.padding = "0.8rem 1.2rem";
    s.background = "#fff4e5"; s.color = "#3b1200"; s.borderTop = "4px solid #b3261e";
    s.boxShadow = "0 -2px 8px rgba(0,0,0,0.25)"; s.font = "15px/1.45 system-ui, sans-serif";
    var heading = element("p", HEADING);
    heading.style.fontWeight = "bold"; heading.style.margin = "0";
    var hint = element("p", HINT);
    hint.style.margin = "0.2rem 0 0.5rem";
    var list = element("ul");
    list.style.margin = "0"; list.style.paddingLeft = "1.2rem";
    list.style.fontFamily = "ui-monospace, monospace"; list.style.fontSize = "13px";
    problems.forEach(function (line) {
      var item = element("li", String(line));
      item.style.whiteSpace = "pre-wrap"; item.style.overflowWrap = "anywhere";
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(hint);
    box.appendChild(list);
    return box;
  }

  function showProblems(problems) {
    var key = JSON.stringify(problems);
    if (key === shown) return;
    shown = key;
    var old = document.getElementById(BOX_ID);
    if (old) old.parentNode.removeChild(old);
    if (problems.length) document.body.appendChild(banner(problems));
  }

  // Long poll: the server answers when the build status differs from what this page shows.
  function check() {
    var url = STATUS_URL + (round === null ? "" : "?round=" + round);
    fetch(url, {cache: "no-store"})
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (status) {
        if (loaded === null) loaded = status.version;
        round = status.round;
        if (status.version !== loaded) {
          window.location.reload();
          return;
        }
        showProblems(Array.isArray(status.problems) ? status.problems : []);
        setTimeout(check, 0);
      })
      .catch(function () {
        setTimeout(check, 1000);  // the server is restarting or stopped: keep asking quietly
      });
  }

  check();
})();
