"""Run the app under gunicorn from ``hotline serve``.

The access log is off: gunicorn's default format records client addresses
and user agents, which this service must never write anywhere. gunicorn's
error log goes through the identifier filter (``FilteredLogger``).
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from hotline.logs import filter_logger


class FilteredLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger with the identifier filter: its loggers do not
    propagate to the root logger, so the app's handler never sees their
    records ("Invalid request from ip=..."). The access log stays off."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        filter_logger(self.error_log)
        filter_logger(self.access_log)

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        pass


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


def options(host: str, port: int, workers: int) -> dict[str, Any]:
    """gunicorn's settings for ``hotline serve``."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "accesslog": None,
        "logger_class": FilteredLogger,
        "errorlog": "-",
        "loglevel": "info",
        "preload_app": True,
        "proxy_protocol": False,
        "forwarded_allow_ips": "",
        "timeout": 30,
    }


def run(host: str, port: int, workers: int) -> None:
    _Server(options(host, port, workers)).run()
