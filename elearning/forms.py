"""Form helpers shared by the public pages."""


class AccessibleErrorsMixin:
    """Tie each field's error message to its input for assistive technology: the input gets
    aria-invalid and aria-describedby pointing at the message the template renders."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
