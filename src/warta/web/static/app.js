// warta explorer: the little behaviour the server-rendered pages need.
// No framework, no network requests of its own.
(function () {
  "use strict";

  function entityUrl(id) {
    return "/entities/" + encodeURIComponent(id).replace(/%3A/gi, ":");
  }

  // Article page: hovering a mention lights up every mention of the same
  // entity; clicking one opens the entity page (mentions can nest, so they
  // are spans, not links).
  var text = document.getElementById("article-text");
  if (text) {
    var lit = [];
    var light = function (id) {
      lit.forEach(function (el) { el.classList.remove("lit"); });
      lit = id ? Array.prototype.slice.call(text.querySelectorAll('.ent[data-entity="' + CSS.escape(id) + '"]')) : [];
      lit.forEach(function (el) { el.classList.add("lit"); });
    };
    text.addEventListener("mouseover", function (event) {
      var ent = event.target.closest(".ent");
      light(ent ? ent.getAttribute("data-entity") : null);
    });
    text.addEventListener("mouseleave", function () { light(null); });
    text.addEventListener("click", function (event) {
      var ent = event.target.closest(".ent");
      if (!ent || (window.getSelection && String(window.getSelection()))) { return; }
      window.location.href = entityUrl(ent.getAttribute("data-entity"));
    });
    document.querySelectorAll(".entity-link[data-entity]").forEach(function (link) {
      link.addEventListener("mouseenter", function () { light(link.getAttribute("data-entity")); });
      link.addEventListener("mouseleave", function () { light(null); });
    });
  }

  // Search form: keep empty fields out of the URL so links stay short.
  document.querySelectorAll("form.search-form, form.filter-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (input) {
        if (input.name && !input.value) { input.disabled = true; }
      });
    });
  });
  // Coming back through the history must not leave fields disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form input:disabled, form select:disabled").forEach(function (input) {
      input.disabled = false;
    });
  });
})();
