// Progressive enhancement only: every page works without this file.
// - chat pages: new messages appear without reloading (polls the page's JSON every few seconds)
// - forms marked data-confirm ask before submitting
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var text = form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) { ev.preventDefault(); }
  });
  var list = document.querySelector("[data-poll]");
  if (!list || !window.fetch) { return; }
  var url = list.getAttribute("data-poll");
  var polls = 0;
  function tick() {
    if (polls++ > 720) { return; }  // an open page stops polling after about an hour
    var last = list.getAttribute("data-last") || "";
    fetch(url + "?after=" + encodeURIComponent(last), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.messages) { return; }
        data.messages.forEach(function (m) {
          var li = document.createElement("li");
          if (m.mine) { li.className = "mine"; }
          li.appendChild(document.createTextNode(m.body));
          var when = document.createElement("span");
          when.className = "when";
          when.textContent = m.when;
          li.appendChild(when);
          if (m.warning) {
            var w = document.createElement("span");
            w.className = "warn";
            w.textContent = m.warning;
            li.appendChild(w);
          }
          list.appendChild(li);
          list.setAttribute("data-last", m.id);
        });
        if (data.messages.length) { window.scrollTo(0, document.body.scrollHeight); }
      })
      .catch(function () {});
  }
  setInterval(tick, 4000);
})();
