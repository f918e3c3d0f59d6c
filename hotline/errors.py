"""Error pages: translated, generic, never echoing request data or exceptions."""

from __future__ import annotations

from flask import Flask, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> ResponseReturnValue:
        return render_template("error.html", code=400, message=_(
            "This form expired. Go back, reload the page and try again.")), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        if error.code == 401 and request.blueprint == "console":
            return redirect(url_for("console.login_page"))
        code = error.code or 500
        messages = {
            400: _("Something in that request was not right. Please try again."),
            403: _("You do not have access to this page."),
            404: _("This page does not exist."),
            413: _("That was too large to send. Please shorten it and try again."),
        }
        return render_template("error.html", code=code, message=messages.get(
            code, _("Something went wrong. Please try again later."))), code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> ResponseReturnValue:
        if app.testing:
            raise error
        # Log the type only: an exception message can carry request data.
        app.logger.error("unhandled %s in %s", type(error).__name__, request.endpoint)
        return render_template("error.html", code=500, message=_(
            "Something went wrong. Please try again later.")), 500
