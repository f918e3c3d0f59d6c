"""The ``hotline`` command line."""

from __future__ import annotations

import os
import sys

import click

from hotline.settings import SettingsError, default_instance_path, load_settings


def _settings():
    try:
        return load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def _app():
    from hotline import create_app

    settings = _settings()
    try:
        return create_app(settings)  # refuses enabled languages without a complete catalog
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


@click.group(help="hotline: anonymous, multilingual reporting service.")
def main() -> None:
    pass


@main.command()
@click.option("--admin-username", default="admin", show_default=True)
def init(admin_username: str) -> None:
    """Create the instance, its secrets and schema, default teams and an admin.

    Safe to run again: it only migrates what already exists.
    """
    from hotline.bootstrap import seed, write_secrets
    from hotline.extensions import db
    from hotline.migrate import upgrade

    instance = default_instance_path()
    if write_secrets(instance):
        click.echo(f"Generated server secrets in {instance / 'hotline.env'} (mode 0600).")
    app = _app()
    with app.app_context():
        upgrade(db.engine)
        seeded = seed(db.session, app.config["HOTLINE_SETTINGS"], admin_username)
        db.session.commit()
        from hotline.retention.jobs import schedule_purge

        schedule_purge(db.session)  # the worker's hourly retention purge (idempotent)
        db.session.commit()
    if seeded.admin is None:
        click.echo("Already initialised; the database is migrated to the latest schema.")
        return
    click.echo("Created teams survivor-support and law-enforcement, and the admin account.")
    click.echo("Shown once; store them in a password manager now:")
    click.echo(f"  user name:    {seeded.admin.user.username}")
    click.echo(f"  password:     {seeded.admin.password}")
    click.echo(f"  recovery key: {seeded.admin.recovery_key}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Run the service under gunicorn, with no access log (it would record addresses)."""
    from hotline.server import run

    _settings()
    run(host, port, workers)


@main.command()
@click.option("--once", is_flag=True, help="Run the jobs that are due, then exit.")
@click.option("--concurrency", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads (each claims jobs on its own).")
def worker(once: bool, concurrency: int) -> None:
    """Run outbox jobs (outbound SMS, provider purges, downloads).

    SIGTERM or Ctrl-C finishes the current job, then stops. Any number of
    workers may run at once against PostgreSQL.
    """
    from hotline.outbox.service import serve as serve_outbox

    app = _app()
    try:
        ran = serve_outbox(app, once=once, concurrency=concurrency)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    if once:
        click.echo(f"Ran {ran} job(s).")


@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("add")
@click.argument("username")
@click.option("--team", "team_slug", required=True, help="Team slug, e.g. survivor-support.")
@click.option("--role", required=True, type=click.Choice(
    ["caseworker", "le_triage", "supervisor", "admin", "ngo_partner"]))
@click.option("--sponsor", required=True, help="An existing member of the team, who unlocks its key.")
def user_add(username: str, team_slug: str, role: str, sponsor: str) -> None:
    """Add a staff member to a team. The sponsor's password re-seals the team key."""
    from sqlalchemy import select

    from hotline.audit.log import append as audit
    from hotline.crypto import KemSuite
    from hotline.extensions import db
    from hotline.security import argon2_params
    from hotline.staff.models import StaffUser, Team
    from hotline.staff.operations import StaffError, add_member, enroll_user

    app = _app()
    settings = app.config["HOTLINE_SETTINGS"]
    password = os.environ.get("HOTLINE_SPONSOR_PASSWORD") or click.prompt(
        f"Password of {sponsor}", hide_input=True)
    with app.app_context():
        session = db.session
        team = session.scalar(select(Team).where(Team.slug == team_slug))
        sponsor_user = session.scalar(select(StaffUser).where(StaffUser.username == sponsor))
        if team is None or sponsor_user is None:
            raise click.ClickException("Unknown team or sponsor.")
        try:
            enrolment = enroll_user(session, username, role, argon2_params(settings),
                                    KemSuite(settings.kem_suite))
            add_member(session, team, enrolment.user, sponsor_user, password)
        except StaffError as error:
            raise click.ClickException(str(error)) from None
        audit(session, settings.pepper, "staff.added", actor_kind="staff",
              actor_id=sponsor_user.id, details={"user": enrolment.user.id, "team": team.id,
                                                 "role": role})
        session.commit()
    click.echo(f"Added {username} ({role}) to {team_slug}. Shown once:")
    click.echo(f"  password:     {enrolment.password}")
    click.echo(f"  recovery key: {enrolment.recovery_key}")


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
def audit_verify() -> None:
    """Check every entry of the chain; exit 1 where it is broken."""
    from hotline.audit.log import verify
    from hotline.extensions import db

    app = _app()
    with app.app_context():
        checked, problems = verify(db.session, app.config["HOTLINE_SETTINGS"].pepper)
    for problem in problems:
        click.echo(f"entry {problem.entry_id}: {problem.problem}", err=True)
    if problems:
        click.echo(f"Audit chain BROKEN: {len(problems)} problem(s) in {checked} entries.", err=True)
        sys.exit(1)
    click.echo(f"Audit chain intact: {checked} entries verified.")


def _register_feature_commands() -> None:
    """Command groups that live in their feature packages."""
    from hotline.exports.cli import stats
    from hotline.retention.cli import purge

    main.add_command(stats)
    main.add_command(purge)


_register_feature_commands()


if __name__ == "__main__":
    main()
