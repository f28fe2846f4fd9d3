"""Pytest plugin (loaded with ``-p``) that sets the test environment before Django loads.

Tests run with production-like settings (DEBUG off) but without the HTTPS redirect,
and with plain static file storage so no ``collectstatic`` is needed.
"""

import os

os.environ.setdefault("RITSEN_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("RITSEN_SSL_REDIRECT", "false")
os.environ.setdefault("RITSEN_PLAIN_STATIC", "true")
os.environ.setdefault("RITSEN_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The webhook tests deliver to a receiver on 127.0.0.1 (one test turns this off).
os.environ.setdefault("RITSEN_WEBHOOK_PRIVATE_ADDRESSES", "true")
# Mail tasks run at once, in the test's own transaction; the tests of the queue itself
# switch to the database backend.
os.environ.setdefault("RITSEN_TASKS", "immediate")
