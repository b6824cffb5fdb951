// The QR code of a printed receipt links to /verify/<receipt id>#<digest>. The part after # never reaches the server,
// so this hands the printed digest over as ?digest=, and the server compares it with the record's own digest.
(function () {
  "use strict";
  if (!document.body || !document.body.hasAttribute("data-from-link")) {
    return;
  }
  var printed = window.location.hash.replace(/^#/, "");
  var params = new URLSearchParams(window.location.search);
  if (/^[0-9a-fA-F]{64}$/.test(printed) && !params.has("digest")) {
    params.set("digest", printed.toLowerCase());
    window.location.replace(window.location.pathname + "?" + params.toString() + "#" + printed);
  }
})();
