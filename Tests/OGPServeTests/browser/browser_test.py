#!/usr/bin/env python3
"""Drives ogp-serve in headless Chromium over the DevTools protocol (standard library only).

Steps: open the home page, type a query in the search box and submit it with Enter, see results,
open a commitment from the results, follow its link to a dataset. A screenshot of each step is
saved in --out; any console error, uncaught exception or failed load (a CSP violation included)
fails the test. Exit status 0 on success, 1 on failure (with the reason on stderr).

Usage: browser_test.py --url http://127.0.0.1:PORT --out DIR --query "..." [--chromium PATH]
"""
import argparse, base64, json, os, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request


class WebSocket:
    """A minimal RFC 6455 client: text frames, masking, fragmented messages, ping/close."""

    def __init__(self, url, timeout=30):
        assert url.startswith("ws://")
        host_port, path = url[5:].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"websocket handshake refused: {head[:200]!r}")

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header.append(0x80 | 126)
            header += struct.pack(">H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", n)
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("websocket closed")
            buf += chunk
        return bytes(buf)

    def recv(self):
        message = bytearray()
        while True:
            b0, b1 = self._exact(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            if opcode == 0x8:
                raise RuntimeError("websocket closed by the browser")
            if opcode == 0x9:  # ping → pong
                continue
            if opcode in (0x1, 0x0, 0x2):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class Page:
    """One tab: commands with ids, events collected, console errors remembered."""

    def __init__(self, ws):
        self.ws, self.next_id, self.events, self.errors = ws, 0, [], []

    def send(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)

    def _event(self, msg):
        method = msg.get("method")
        params = msg.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            self.errors.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:500])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            e = params["entry"]
            self.errors.append(f"log ({e.get('source')}): {e.get('text')} {e.get('url', '')}")
        if method:
            self.events.append(method)

    def wait_event(self, name, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if name in self.events:
                self.events.remove(name)
                return
            self._event(json.loads(self.ws.recv()))
        raise RuntimeError(f"timed out waiting for {name}")

    def evaluate(self, expression):
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate failed: {expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def navigate_and_wait(self, action):
        self.events = [e for e in self.events if e != "Page.loadEventFired"]
        action()
        self.wait_event("Page.loadEventFired")

    def click(self, selector_js):
        """Clicks like a person: the element's centre, mouse pressed and released."""
        rect = self.evaluate(f"(() => {{ const e = {selector_js}; if (!e) return null; e.scrollIntoView({{block: 'center'}});"
                             "const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()")
        if rect is None:
            raise RuntimeError(f"nothing to click: {selector_js}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=rect["x"], y=rect["y"], button="left", clickCount=1)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


def find_chromium(given):
    for c in [given, "chromium", "chromium-browser", "google-chrome"]:
        if c and shutil.which(c):
            return shutil.which(c)
    raise SystemExit("browser test: chromium not found (scripts/setup.sh installs Debian's chromium)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--query", required=True)
    ap.add_argument("--chromium")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="ogp-chromium-")
    browser = subprocess.Popen(
        [find_chromium(args.chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--metrics-recording-only", "--mute-audio",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
         "--window-size=1200,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(args.out, "chromium.log"), "wb"))
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            if time.time() > deadline or browser.poll() is not None:
                raise RuntimeError("chromium did not start (see chromium.log)")
            time.sleep(0.1)
        port = open(port_file).read().split("\n")[0].strip()
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
        page = Page(WebSocket(page_ws))
        for domain in ("Page", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", width=1200, height=900, deviceScaleFactor=1, mobile=False)

        # 1. The home page.
        page.navigate_and_wait(lambda: page.send("Page.navigate", url=args.url + "/"))
        page.screenshot(os.path.join(args.out, "1-accueil.png"))
        assert page.evaluate("document.documentElement.lang") == "fr", "the page is not in French"

        # 2. Type a query in the search box, press Enter.
        page.click("document.getElementById('q-home')")
        page.send("Input.insertText", text=args.query)
        page.navigate_and_wait(lambda: [page.send("Input.dispatchKeyEvent", type=t, key="Enter", code="Enter",
                                                  windowsVirtualKeyCode=13, text="\r") for t in ("keyDown", "keyUp")])
        count = page.evaluate("document.querySelectorAll('ol.results > li').length")
        page.screenshot(os.path.join(args.out, "2-resultats.png"))
        assert count and count > 0, f"no results for {args.query!r}"
        assert page.evaluate("document.querySelectorAll('ol.results mark').length") > 0, "no highlighted words"

        # 3. Open the first commitment among the results.
        first_commitment = ("[...document.querySelectorAll('ol.results > li')]"
                            ".find(li => li.querySelector('.kind').textContent === 'Engagement')?.querySelector('h2 a')")
        page.navigate_and_wait(lambda: page.click(first_commitment))
        page.screenshot(os.path.join(args.out, "3-engagement.png"))
        kind = page.evaluate("document.querySelector('main .kind').textContent")
        assert kind == "Engagement", f"expected a commitment page, got {kind!r}"

        # 4. Follow its link to a dataset.
        dataset_link = ("[...document.querySelectorAll('ul.links li')]"
                        ".find(li => li.querySelector('.kind')?.textContent === 'Jeu de données')?.querySelector('a')")
        page.navigate_and_wait(lambda: page.click(dataset_link))
        page.screenshot(os.path.join(args.out, "4-jeu-de-donnees.png"))
        kind = page.evaluate("document.querySelector('main .kind').textContent")
        assert kind == "Jeu de données", f"expected a dataset page, got {kind!r}"

        # Give late console messages (a blocked script, a missing asset) a moment to arrive.
        page.send("Runtime.evaluate", expression="new Promise(r => setTimeout(r, 300))", awaitPromise=True)
        if page.errors:
            raise RuntimeError("console errors:\n  " + "\n  ".join(page.errors))
        print(f"browser test: 4 steps ok, screenshots in {args.out}")
        return 0
    except (AssertionError, RuntimeError, OSError, StopIteration) as e:
        print(f"browser test failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    finally:
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
