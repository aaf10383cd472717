"""The health check: "ok" without touching the database, for load balancers and the load
benchmark's ceiling."""


def test_healthz_says_ok_without_queries(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok"
    assert client.post("/healthz/").status_code == 405
