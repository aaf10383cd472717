"""Signals the courses app owns, so that higher layers hear of learning without this app
knowing them."""

from django.dispatch import Signal

# A learner has completed a course: sent inside the transaction that marks the enrolment complete
# (with the enrolment locked), with `enrolment` (its course loaded) and `steps` (the course's
# steps, as `selectors.course_steps` gives them). What a receiver writes commits, or rolls
# back, with the completion; a receiver that raises undoes it.
course_completed = Signal()
