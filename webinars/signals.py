"""Signals the webinars app owns, so that higher layers (a course step made of a live event)
hear of attendance without this app knowing them."""

from django.dispatch import Signal

# Attendance at a live event was recorded: an imported report, or a row a coordinator matched by
# hand. Sent inside the transaction that writes it, with `webinar` and `attendances` (the rows
# written, matched ones with `user_id` set). What a receiver writes commits with the attendance.
attendance_recorded = Signal()
