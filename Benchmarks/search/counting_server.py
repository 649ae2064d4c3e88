"""The local web server both search measurements use: serves a folder and logs every request
with the bytes written to the socket (status line, headers and body; no compression)."""
import http.server
import json
import threading
import time
import urllib.parse


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []
        self.last = time.time()

    def add(self, e):
        with self.lock:
            self.entries.append(e)
            self.last = time.time()

    def take(self):
        with self.lock:
            out, self.entries = self.entries, []
        return out

    def quiet_for(self):
        with self.lock:
            return time.time() - self.last


class CountingWriter:
    def __init__(self, raw):
        self.raw = raw
        self.n = 0

    def write(self, b):
        self.n += len(b)
        return self.raw.write(b)

    def flush(self):
        return self.raw.flush()

    def __getattr__(self, k):
        return getattr(self.raw, k)


def make_handler(root, log):
    class H(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive like a real server

        def __init__(self, *a, **kw):
            super().__init__(*a, directory=root, **kw)

        def setup(self):
            super().setup()
            self.wfile = CountingWriter(self.wfile)

        def handle_one_request(self):
            start = self.wfile.n if isinstance(self.wfile, CountingWriter) else 0
            self._status = None
            super().handle_one_request()
            if getattr(self, "requestline", "") and self._status is not None:
                log.add({"t": time.time(), "path": urllib.parse.urlsplit(self.path).path,
                         "status": self._status, "wire": self.wfile.n - start,
                         "ims": self.headers.get("If-Modified-Since") is not None})

        def send_response(self, code, message=None):
            self._status = code
            super().send_response(code, message)

        def log_message(self, *a):
            pass

    return H


def start_server(root, log):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(root, log))
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


def perf_requests(driver):
    """requestId -> {url, encoded, status, fromCache} from Chrome's performance log."""
    reqs = {}
    for entry in driver.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        meth, p = m.get("method"), m.get("params", {})
        if meth == "Network.requestWillBeSent":
            reqs.setdefault(p["requestId"], {})["url"] = p["request"]["url"]
        elif meth == "Network.responseReceived":
            r = reqs.setdefault(p["requestId"], {})
            r["url"] = p["response"]["url"]
            r["status"] = p["response"].get("status")
            r["fromCache"] = bool(p["response"].get("fromDiskCache") or p["response"].get("fromMemoryCache")
                                  or p["response"].get("fromServiceWorker"))
        elif meth == "Network.requestServedFromCache":
            reqs.setdefault(p["requestId"], {})["fromCache"] = True
        elif meth == "Network.loadingFinished":
            reqs.setdefault(p["requestId"], {})["encoded"] = p.get("encodedDataLength", 0)
        elif meth == "Network.loadingFailed":
            reqs.setdefault(p["requestId"], {})["failed"] = p.get("errorText")
    return reqs
