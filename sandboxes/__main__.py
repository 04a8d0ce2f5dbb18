"""``python -m sandboxes``: run the sandbox until interrupted.

    python -m sandboxes --host 127.0.0.1 --port 8001 --data var/sandbox \\
        [--merchant ID=SECRET ...] [--biller CODE=SECRET ...] [--retry-base 1.0] [--retries 8]

Merchants and billers also come from ``SANDBOX_MERCHANTS`` / ``SANDBOX_BILLERS``
("ID=SECRET,ID2=SECRET2"); the command line adds to them.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from .server import SandboxApp, serve
from .settings import Settings


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandboxes", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--data", default="var/sandbox", help="folder of sandbox.sqlite3")
    parser.add_argument("--merchant", action="append", default=[], metavar="ID=SECRET")
    parser.add_argument("--biller", action="append", default=[], metavar="CODE=SECRET")
    parser.add_argument("--retry-base", type=float, default=1.0, help="seconds (back-off base)")
    parser.add_argument("--retries", type=int, default=8, help="notification attempts at most")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        settings = Settings.build(
            data_dir=Path(args.data),
            merchants=args.merchant,
            billers=args.biller,
            retry_base=args.retry_base,
            retries=max(1, args.retries),
        )
    except ValueError as error:
        print(f"python -m sandboxes: {error}", file=sys.stderr)
        return 2
    app = SandboxApp(settings)
    server = serve(args.host, args.port, app)
    app.start()

    def stop(signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    host, port = str(server.server_address[0]), int(server.server_address[1])
    print(
        f"sandbox listening on http://{host}:{port} (data {settings.data_dir}, "
        f"merchants {', '.join(sorted(settings.merchants)) or 'none'}, "
        f"billers {', '.join(sorted(settings.billers)) or 'none'})",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        app.stop()
        server.server_close()
        app.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
