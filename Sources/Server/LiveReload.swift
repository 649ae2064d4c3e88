import Foundation
import Support

/// The live-reload client: added to HTML responses by the preview server only, never written into
/// `Public/`. It listens to the server's events, reloads on a rebuild, and shows a failed
/// rebuild's message over the page (as text: the message may quote corpus or template text).
enum LiveReload {
    static let script = """
    (function () {
      var box = null;
      function show(message) {
        if (!box) {
          box = document.createElement("pre");
          box.id = "sitegen-build-error";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#3b0d0d;color:#fff;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap";
          document.body.appendChild(box);
        }
        box.textContent = "sitegen: the last rebuild failed; this is the last good page.\\n\\n" + message;
      }
      // Which version of the page this is (without it, the server does not ask).
      var tag = document.currentScript, shown = tag && tag.getAttribute("data-shown");
      var source = new EventSource("/__sitegen/events?page=" + encodeURIComponent(location.pathname) + (shown ? "&v=" + encodeURIComponent(shown) : ""));
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("failed", function (e) { show(e.data); });
      source.addEventListener("settled", function () {
        var note = document.getElementById("sitegen-preview");
        if (note) note.parentNode.removeChild(note);
      });
    })();
    """

    /// Shown over a page that is the quick preview's version, until the exact build's comes (a
    /// reload) or is found the same (`settled`).
    static let previewNote = "<p id=\"sitegen-preview\" role=\"status\" style=\"position:fixed;right:.5em;bottom:.5em;margin:0;padding:.3em .6em;background:#1d3557;color:#fff;font:13px/1.4 system-ui,sans-serif;border-radius:4px;z-index:2147483647\">Quick preview: the exact rebuild is running</p>"

    /// The page with the script, told which version of the page this is (`shown`), before
    /// `</body>`; after a failed rebuild, the error; on a quick preview's page, its note.
    static func inject(into html: Data, error: String?, shown: ShownVersion = .disk) -> Data {
        var tag = (shown == .preview ? previewNote : "") + "<script src=\"/__sitegen/live.js\" data-shown=\"\(shown.rawValue)\"></script>"
        if let error {
            let escaped = Escape.markup(error)
            tag = "<pre id=\"sitegen-build-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#3b0d0d;color:#fff;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap\">sitegen: the last rebuild failed; this is the last good page.\n\n\(escaped)</pre>" + tag
        }
        let marker = Data("</body>".utf8)
        if let range = html.range(of: marker, options: .backwards) {
            var out = html
            out.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(tag.utf8))
            return out
        }
        return html + Data(tag.utf8)
    }
}
