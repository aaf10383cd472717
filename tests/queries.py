"""Counting the queries a page makes, for the tests that pin them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Queries of a second GET of `url` (the first warms what a running site has warm)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
