"""The health check: "ok" without touching the database, for load balancers and the load
benchmark's ceiling."""


def test_healthz_says_ok_without_queries(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok"
    assert client.post("/healthz/").status_code == 405


def test_readiness_asks_the_database_redis_and_the_broker(
    db, client, django_assert_num_queries, redis_server
):
    """/healthz/ready/ for monitoring: every part the site needs answers (one query for the
    database), with the Celery queue's length."""
    import redis

    broker = redis.Redis.from_url(redis_server.url)
    broker.delete("celery")
    broker.rpush("celery", "a task", "another")
    with django_assert_num_queries(1):
        response = client.get("/healthz/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "database": "ok", "cache": "ok", "page_cache": "ok", "broker": "ok",
        "queue_length": 2,
    }  # fmt: skip
    assert "no-cache" in response["Cache-Control"]
    broker.delete("celery")


def test_readiness_says_which_part_fails_without_saying_how(db, client, settings):
    settings.CELERY_BROKER_URL = "redis://:secret@127.0.0.1:1/0"  # nothing listens there
    response = client.get("/healthz/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing" and body["broker"] == "failing" and body["database"] == "ok"
    assert "queue_length" not in body and "secret" not in response.content.decode()


def test_an_unreachable_database_is_a_503_that_says_so(rf):
    """handler500 answers a database that cannot be reached with 503 and Retry-After (the
    deploy check restarts PostgreSQL under load and sees it through the proxy); other errors
    keep the 500 page."""
    from django.db import OperationalError

    from elearning.views import server_error

    try:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    except OperationalError:
        response = server_error(rf.get("/kursy/"))
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Serwis chwilowo niedostępny" in page and "jest bezpieczne" in page

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/kursy/"))
    assert response.status_code == 500 and "Błąd serwera" in response.content.decode()
