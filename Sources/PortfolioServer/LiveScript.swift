/// The dashboard's only script, inline and dependency-free: on each `change` event of
/// `/api/v1/events` it fetches the page again (revalidating with its ETag) and swaps in the new
/// `<main>`. Without JavaScript, or without EventSource, the page is the same, only static.
enum LiveScript {
    static let source = """
        (function () {
          if (!window.EventSource || !window.fetch || !window.DOMParser) return;
          var events = new EventSource("/api/v1/events");
          events.addEventListener("change", function () {
            fetch(location.href, {headers: {"Accept": "text/html"}, cache: "no-cache"})
              .then(function (response) { return response.ok ? response.text() : null; })
              .then(function (text) {
                if (!text) return;
                var next = new DOMParser().parseFromString(text, "text/html").querySelector("main");
                var main = document.querySelector("main");
                if (next && main) {
                  main.replaceWith(next);
                  document.documentElement.setAttribute("data-updated", String(Date.now()));
                }
              });
          });
        })();
        """

    /// The element, as the page carries it.
    static var element: String { "<script>" + source + "</script>" }

    /// `'sha256-…'` of `source`, which the Content-Security-Policy allows and nothing else
    /// (a test recomputes it).
    static let hash = "'sha256-/Hzw3v6TAExXaCafSME70BE9zDyXADVetBh4gERr2cI='"
}
