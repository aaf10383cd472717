"""Render deploy/nginx.conf.template: every ${CAMS_...} from the environment (nginx's own $vars
are left alone). Usage: python scripts/deploy-render.py > /etc/nginx/sites-available/cams"""

import os
import re
import sys
from pathlib import Path

DEFAULTS = {
    "CAMS_GUNICORN_BIND": "127.0.0.1:8001",
    "CAMS_HTTP_PORT": "80",
    "CAMS_HTTPS_PORT": "443",
    "CAMS_HTTPS_PORT_SUFFIX": "",
    "CAMS_SERVER_NAME": "_",
    "CAMS_TLS_CERTIFICATE": "/etc/ssl/certs/ssl-cert-snakeoil.pem",
    "CAMS_TLS_KEY": "/etc/ssl/private/ssl-cert-snakeoil.key",
    "CAMS_STATIC_ROOT": "/srv/cams/static",
    "CAMS_MEDIA_ROOT": "/srv/cams/media",
    "CAMS_PRIVATE_ROOT": "/srv/cams/private",
    "CAMS_PRIVATE_LOCATION": "/private-files/",
}


def render(template: str, values: dict) -> str:
    # CAMS_UPSTREAM lists the gunicorns (this machine's or others'), comma-separated; nginx
    # spreads requests over them and passes a request to the next when one is down. Unset, it
    # is this machine's gunicorn (CAMS_GUNICORN_BIND).
    upstream = values.get("CAMS_UPSTREAM") or values["CAMS_GUNICORN_BIND"]
    servers = [bind.strip() for bind in upstream.split(",") if bind.strip()]
    if not servers:
        sys.exit("deploy-render: CAMS_UPSTREAM lists no server")
    values = {**values, "CAMS_UPSTREAM_SERVERS": "\n    ".join(f"server {bind};" for bind in servers)}

    def value(match):
        name = match.group(1)
        if name not in values:
            sys.exit(f"deploy-render: {name} is not set")
        return values[name]

    return re.sub(r"\$\{(CAMS_[A-Z_]+)\}", value, template)


if __name__ == "__main__":
    template = (Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf.template").read_text()
    values = {**DEFAULTS, **{k: v for k, v in os.environ.items() if k.startswith("CAMS_")}}
    sys.stdout.write(render(template, values))
