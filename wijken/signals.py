"""Signals other apps listen to; wijken itself does not know who listens (dependencies point
one way: risicofactoren → wijken)."""

from django.dispatch import Signal

# Sent after an import has been committed, with job_id and whether it changed any value.
import_voltooid = Signal()
