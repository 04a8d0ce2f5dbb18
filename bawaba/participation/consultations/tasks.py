"""Consultations open and close on their own: the scheduler records each
opening and closing once and tells the provider's editors when one closes."""

from celery import shared_task

from bawaba.participation.consultations import responses


@shared_task(name="bawaba.participation.consultations.tasks.open_and_close")
def open_and_close() -> tuple[int, int]:
    return responses.open_and_close()
