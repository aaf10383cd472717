"""Admin panels shared by the apps."""

from wagtail.admin.panels import InlinePanel


class NamedInlinePanel(InlinePanel):
    """An InlinePanel whose "add" button has its own, whole wording.

    Wagtail builds the button as "Add {label}", which Polish cannot follow: the
    object of "Dodaj" takes the accusative ("Dodaj opcję", not "Dodaj opcja").
    ``add_label`` is the whole button text; ``label`` (singular, nominative) still
    heads each child ("Opcja 1").
    """

    def __init__(self, *args, add_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["add_label"] = self.add_label
        return kwargs

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "elearning/panels/inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label
            return context
