"""WSGI entry point: `flask --app wsgi ...` and `gunicorn wsgi:app`."""
import os

if os.environ.get("SOCKETIO_ASYNC_MODE") == "gevent":
    # Under the gevent worker, gunicorn has already patched; this keeps psycopg/redis cooperative
    # when the module is imported elsewhere with the same setting.
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        monkey.patch_all()

from community import create_app  # noqa: E402

app = create_app()
