"""Run the app under gunicorn from ``hotline serve``.

The access log is off: gunicorn's default format records client addresses
and user agents, which this service must never write anywhere.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from hotline import create_app
        from hotline.intake.language import warm_up

        app = create_app()
        # Loaded once in the master (preload_app) and shared copy-on-write
        # by the forked workers, instead of once per worker on first use.
        warm_up(app.config["HOTLINE_SETTINGS"].languages)
        return app


def run(host: str, port: int, workers: int) -> None:
    _Server({
        "bind": f"{host}:{port}",
        "workers": workers,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "preload_app": True,
        "proxy_protocol": False,
        "forwarded_allow_ips": "",
        "timeout": 30,
    }).run()
