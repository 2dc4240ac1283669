"""Spaced repetition over problems with the fsrs package: every finished attempt is a review.

Day-scale: no learning steps in minutes, so an attempt schedules the next one days ahead. The rating
comes from the attempt's outcome: failed, timed out or revealed before passing is Again; passed with
hints or over time is Hard; passed is Good; passed in at most half the time with no hints is Easy.
Hints taken after the attempt passed (reading for interest) do not change the rating.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from mlprep.words import plural

if TYPE_CHECKING:
    from mlprep.catalog import Entry
    from mlprep.store import Rating, Session, Store

FAST_FRACTION = 0.5


def rating_for(session: Session, hints: int) -> Rating | None:
    """The fsrs rating name for a finished attempt; None for an untouched stub (no attempt)."""
    if session.result == "no_attempt":
        return None
    if session.result == "passed_over_time":
        return "Hard"
    if session.first_pass_s is None or session.result in ("failed", "revealed"):
        return "Again"
    if hints:
        return "Hard"
    return "Easy" if session.first_pass_s <= FAST_FRACTION * session.minutes * 60 else "Good"


def scheduler() -> Any:
    """The fsrs scheduler: day-scale; ``MLPREP_FSRS_FUZZ=0`` turns interval fuzzing off (tests do)."""
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=os.environ.get("MLPREP_FSRS_FUZZ") != "0")


def hints_that_count(store: Store, session: Session) -> int:
    """The hints an attempt's rating counts: those taken before it passed (all of them if it never did)."""
    passed_at = session.started_at + session.first_pass_s if session.first_pass_s is not None else None
    return store.hints_taken(session.id, session.problem, before=passed_at)


def review(store: Store, session: Session) -> Rating | None:
    """Turn a just-finished attempt into a review of its problem's card; returns the rating used."""
    from fsrs import Card, Rating

    rating = rating_for(session, hints_that_count(store, session))
    if rating is None or session.ended_at is None:
        return None
    last = store.latest_review(session.problem)
    card = Card.from_dict(json.loads(last.card)) if last else Card()
    when = datetime.fromtimestamp(session.ended_at, tz=timezone.utc)
    card, _ = scheduler().review_card(card, Rating[rating], review_datetime=when)
    store.record_review(session.problem, session.id, rating, session.ended_at, card.due.timestamp(),
                        json.dumps(card.to_dict()))
    return rating


@dataclass
class Suggestion:
    entry: Entry
    reason: str
    due_at: float | None = None


def plan(store: Store, entries: list[Entry], now: float, just_practised: str | None = None) -> list[Suggestion]:
    """What to practise today: everything due (most overdue first), then one new problem."""
    due = store.due_dates()
    out = []
    for e in sorted((e for e in entries if e.id in due and due[e.id] <= now), key=lambda e: due[e.id]):
        last = store.latest_review(e.id)
        days = (now - due[e.id]) / 86400
        when = "today" if days < 1 else f"{plural(int(days), 'day')} ago"
        rated = f" (last attempt rated {last.rating})" if last is not None else ""
        out.append(Suggestion(e, f"due {when}{rated}", due[e.id]))
    attempted = set(store.history())
    fresh = [e for e in entries if e.id not in attempted and e.id not in due and e.id != just_practised]
    if fresh:
        out.append(Suggestion(fresh[0], "new: you have not tried it yet"))
    return out
