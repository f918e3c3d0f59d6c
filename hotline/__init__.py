"""hotline: multilingual, anonymous reporting for victims and witnesses of
trafficking. ``create_app()`` builds the WSGI app from the environment."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from hotline.settings import Settings, load_settings


def create_app(settings: Settings | None = None) -> Flask:
    """Application factory: small configure_* steps, no I/O beyond reading
    settings (which reads the environment and the instance env file)."""
    settings = settings or load_settings()
    app = Flask(__name__, instance_path=str(settings.instance_path),
                instance_relative_config=True)
    configure_core(app, settings)
    configure_extensions(app, settings)
    configure_blueprints(app)
    configure_errors(app)
    from hotline.privacy.wsgi import StripClientIdentifiers
    from hotline.security import configure_security_headers

    configure_security_headers(app, settings)
    app.wsgi_app = StripClientIdentifiers(app.wsgi_app)  # type: ignore[method-assign]
    return app


def configure_core(app: Flask, settings: Settings) -> None:
    from hotline.logs import configure_logging

    configure_logging(settings.log_level)
    app.config.update(
        HOTLINE_SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="hl",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_idle_minutes),
        MAX_CONTENT_LENGTH=256 * 1024,
        MAX_FORM_MEMORY_SIZE=256 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=False,
        TESTING=settings.testing,
    )


def configure_extensions(app: Flask, settings: Settings) -> None:
    from hotline.extensions import csrf, db
    from hotline.i18n import configure_i18n

    db.init_app(app, settings.database_url)
    csrf.init_app(app)
    configure_i18n(app, settings)


def configure_blueprints(app: Flask) -> None:
    from hotline.channels.web.views import blueprint as web
    from hotline.console.views import blueprint as console

    app.register_blueprint(web)
    app.register_blueprint(console)
    configure_exports(app)
    configure_sms(app)
    configure_voice(app)


def configure_exports(app: Flask) -> None:
    """Statistics, referrals and partner organisations, under /console."""
    from hotline.exports.views import blueprint as exports

    app.register_blueprint(exports)


def configure_sms(app: Flask) -> None:
    """Twilio webhooks (signed, so no CSRF token), and the development phone."""
    from hotline.channels.sms.views import blueprint as sms
    from hotline.extensions import csrf

    csrf.exempt(sms)
    app.register_blueprint(sms)
    if app.config["HOTLINE_SETTINGS"].development:
        from hotline.channels.devphone.views import blueprint as devphone

        app.register_blueprint(devphone)


def configure_voice(app: Flask) -> None:
    """Twilio voice webhooks (signed, so no CSRF token)."""
    from hotline.channels.voice.views import blueprint as voice
    from hotline.extensions import csrf

    csrf.exempt(voice)
    app.register_blueprint(voice)


def configure_errors(app: Flask) -> None:
    from hotline.errors import register_error_handlers

    register_error_handlers(app)
