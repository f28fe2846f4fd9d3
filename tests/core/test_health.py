from django.db.migrations.executor import MigrationExecutor


def test_healthz_answers_ok_without_login_and_without_a_session(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_unapplied_migrations(client, db, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["pending"])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "migrations"}


def test_healthz_reports_a_database_that_does_not_answer(client, db, monkeypatch):
    from django.db import DatabaseError, connection

    def broken():
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "database"}


def test_healthz_only_reads(client, db):
    assert client.post("/healthz").status_code == 405
