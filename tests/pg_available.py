"""Exit 0 when the PostgreSQL server at the given URL answers."""

import sys

from sqlalchemy import create_engine, text

try:
    engine = create_engine(sys.argv[1], connect_args={"connect_timeout": 3})
    with engine.connect() as connection:
        connection.execute(text("select 1"))
except Exception:
    sys.exit(1)
sys.exit(0)
