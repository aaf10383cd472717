"""Path converters shared by every URLconf of the site."""

from django.urls import register_converter


class IdConverter:
    """Database ids in paths: digits, short enough for any database's integer columns, so a
    longer number is "not found" instead of an overflow in the database driver."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
