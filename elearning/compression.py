"""HTML and JSON compressed by the application, where it is safe (the production proxy may do it
instead; then it finds the responses compressed already)."""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/html", "application/json")


class PageGZipMiddleware(GZipMiddleware):
    """Django's gzip, for pages and JSON only: 7–15 KB of HTML becomes 2–4 KB on a learner's slow
    line. BREACH is answered as Django answers it: the CSRF token is masked anew in every response
    and the gzip output is padded at random (Django ≥ 4.2). Media, PDFs, static files (WhiteNoise
    serves them precompressed), streams and range answers are left alone: compressing a video
    costs the server and breaks byte ranges."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if response.streaming or response.status_code == 206 or not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
