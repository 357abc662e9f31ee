"""Who you are on a team store: the database login, never a name the client claims."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import select

from kursk_annotator.core.errors import StoreError
from kursk_annotator.core.models import Analyst
from kursk_annotator.core.store import Store


def login_analyst(store: Store) -> Analyst:
    """The analyst whose login this connection uses; one line when there is none."""
    with store.session() as session:
        login = session.execute(sa.text("SELECT session_user")).scalar()
        analyst = session.exec(select(Analyst).where(Analyst.login == login)).first()
    if analyst is None:
        raise StoreError(
            f"login {login} is not an analyst of this team store: ask a team admin to run "
            f"'kursk-annotator team add-analyst {login} --name \"Full Name\"'"
        )
    if analyst.disabled_at is not None:
        raise StoreError(f"login {login} is disabled on this team store: ask a team admin")
    return analyst
