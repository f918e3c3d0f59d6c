"""``hotline purge``: delete what retention says is due, now.

Prints and audits counts only. ``--schedule`` also starts the worker's
hourly purge job (``hotline worker`` then keeps it going).
"""

from __future__ import annotations

import click


@click.command()
@click.option("--schedule", is_flag=True,
              help="Also schedule the recurring purge job for `hotline worker`.")
def purge(schedule: bool) -> None:
    """Delete expired cases, idle inboxes and relay numbers, expired packets."""
    from hotline.cli import _app
    from hotline.extensions import db
    from hotline.retention.purge import purge_all

    app = _app()
    with app.app_context():
        totals = purge_all(db.session, app.config["HOTLINE_SETTINGS"])
        if schedule:
            from hotline.retention.jobs import schedule_purge

            scheduled = schedule_purge(db.session)
            db.session.commit()
            click.echo("Scheduled the recurring purge job." if scheduled
                       else "The recurring purge job is already scheduled.")
    done = ", ".join(f"{name}: {n}" for name, n in sorted(totals.items()) if n)
    click.echo(f"Purged {done}." if done else "Nothing was due.")
